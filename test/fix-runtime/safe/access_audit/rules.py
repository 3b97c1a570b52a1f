"""Audit rules. Each rule looks at one event at a time and reports findings."""

PRIVILEGED = ("delete", "grant", "export")


def _off_hours(event):
    return event["hour"] < 6 or event["hour"] >= 22


def evaluate(events):
    findings = []
    for ev in events:
        if ev["action"] in PRIVILEGED and _off_hours(ev):
            findings.append({"rule": "privileged-off-hours", "actor": ev["actor"], "detail": ev["raw"][:80]})
        if ev["ip"].startswith("203.0.113."):
            findings.append({"rule": "untrusted-network", "actor": ev["actor"], "detail": ev["resource"]})
        if ev["resource"].startswith("/admin") and not ev["actor"].startswith("admin"):
            findings.append({"rule": "admin-path", "actor": ev["actor"], "detail": ev["resource"]})
    return findings
