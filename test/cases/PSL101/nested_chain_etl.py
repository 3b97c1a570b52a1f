"""Nightly CRM export — Kundenstamm → Newsletter-Liste."""
import csv
import sys


def load_contacts(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def normalize(contacts):
    return [{**c, "email": c["email"].strip().lower(), "name": c["name"].title()} for c in contacts]


def enrich(contacts):
    out = []
    for c in contacts:
        out.append({**c, "domain": c["email"].rpartition("@")[2]})
    return out


def save(contacts, out):
    writer = csv.DictWriter(out, fieldnames=["email", "name", "domain"], extrasaction="ignore")
    writer.writeheader()
    for c in contacts:
        writer.writerow(c)


def main(argv):
    save(enrich(normalize(load_contacts(argv[1]))), sys.stdout)  # expect: PSL101 "2 functions in a row"


if __name__ == "__main__":
    main(sys.argv)
