"""Web handler: the request body's rows go through two copying stages."""
import json


def validate(rows):
    return (r for r in rows if isinstance(r, dict) and "id" in r)


def stamp(rows, user):
    return ({**r, "updated_by": user} for r in rows)


def handle_bulk_update(body, user, repo):
    rows = json.loads(body)["rows"]
    for row in stamp(validate(rows), user):  # expect: PSL101 "`rows` passes through 2 functions"
        repo.save(row)
    return {"status": "ok"}
