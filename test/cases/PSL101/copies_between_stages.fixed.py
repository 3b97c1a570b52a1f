"""Ledger import: the caller sorts between two stages — the data still flows stage to stage."""


def parse_entries(lines):
    return (tuple(line.split(";")) for line in lines if line.strip())


def to_postings(entries):
    for date, account, amount in entries:
        yield {"date": date, "account": account, "cents": round(float(amount) * 100)}


def post(lines, ledger):
    postings = to_postings(sorted(parse_entries(lines)))  # expect: PSL101 "`parse_entries()` → `to_postings()`"
    for p in postings:
        ledger.add(p)
