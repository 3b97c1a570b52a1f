"""Nightly export job: keeps the rows on the job object between steps."""
import json


class CustomerExport:
    def __init__(self, path):
        self.path = path
        self.rows = []

    def load(self):
        with open(self.path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]

    def drop_inactive(self, rows):
        return [r for r in rows if r.get("active")]

    def anonymize(self, rows):
        return [{**r, "email": r["email"].split("@")[1]} for r in rows]

    def run(self, out):
        self.rows = self.load()  # expect: PSL101 "`drop_inactive()` → `anonymize()`"
        self.rows = self.drop_inactive(self.rows)
        self.rows = self.anonymize(self.rows)
        for r in self.rows:
            out.write(json.dumps(r) + "\n")
