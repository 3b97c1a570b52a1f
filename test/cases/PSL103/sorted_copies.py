"""Audit export: events are loaded from the nightly dump, ordered and trimmed before writing."""
import json


def load_audit_events(path):
    with open(path, encoding="utf-8") as fh:
        events = json.load(fh)
    events = sorted(events, key=lambda e: (e["ts"], e["id"]))  # expect: PSL103 "`events` is rebuilt"
    return events


def recent_logins(cursor, since):
    cursor.execute("SELECT user_id, ts FROM logins WHERE ts >= ?", (since,))
    logins = cursor.fetchall()
    logins = sorted(logins, key=lambda row: row[1], reverse=True)  # expect: PSL103
    return logins


def percentile(samples, q):
    # A sorted copy of the caller's data: sorting it in place would reorder the caller's list.
    samples = sorted(samples)
    return samples[int(q * (len(samples) - 1))]


def top_tags(tags):
    tags = sorted(tags)
    return tags[:10]
