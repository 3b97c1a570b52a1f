"""Ledger report: orders and refunds are merged into one list before the report walks it."""


def all_entries(orders, refunds):  # expect: PSL102 "no automatic rewrite"
    return [*orders, *refunds]


def ledger_lines(orders, refunds):
    for entry in all_entries(orders, refunds):
        yield f"{entry['date']};{entry['amount']:.2f}"
