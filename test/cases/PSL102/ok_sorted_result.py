"""Sorted ledger lines: sorting needs every line anyway."""


def ledger_lines(entries):
    return sorted((e["date"], e["amount"]) for e in entries)


def print_ledger(entries):
    for date, amount in ledger_lines(entries):
        print(date, amount)
