"""Mailing-list cleanup: the producers read their own accumulator while building it (to skip
duplicates, and to collapse runs of the same event), so they cannot become generators.

Usage: python3 dedup_accumulator.py [N]
"""
import sys


def signups(n):
    for i in range(n):
        yield {"email": f"User{i % 211}@Example.com ", "ts": i // 3, "source": ("web", "app")[i % 2]}


def unique_emails(records):
    emails = []
    for rec in records:
        email = rec["email"].strip().lower()
        if email not in emails:
            emails.append(email)
    return emails


def collapse_runs(records):
    runs = []
    for rec in records:
        if runs and runs[-1]["ts"] == rec["ts"]:
            continue
        runs.append({"ts": rec["ts"], "source": rec["source"]})
    return runs


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    domains = {}
    for email in unique_emails(signups(n)):
        domains[email.split("@")[1]] = domains.get(email.split("@")[1], 0) + 1
    per_source = {}
    for run in collapse_runs(signups(n)):
        per_source[run["source"]] = per_source.get(run["source"], 0) + 1
    print("unique per domain", domains)
    print("runs per source", sorted(per_source.items()))


if __name__ == "__main__":
    main(sys.argv)
