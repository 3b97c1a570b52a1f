"""Ledger import: the caller sorts between two stages — the data still flows stage to stage."""


def parse_entries(lines):
    return [tuple(line.split(";")) for line in lines if line.strip()]


def to_postings(entries):
    out = []
    for date, account, amount in entries:
        out.append({"date": date, "account": account, "cents": round(float(amount) * 100)})
    return out


def post(lines, ledger):
    postings = to_postings(sorted(parse_entries(lines)))  # expect: PSL101 "`parse_entries()` → `to_postings()`"
    for p in postings:
        ledger.add(p)
