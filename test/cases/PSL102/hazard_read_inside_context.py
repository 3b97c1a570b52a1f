"""Payroll bank file: the monthly amounts are computed lazily, and read inside a narrow decimal
context that the call is outside of. Reading them inside `with open(...)` changes nothing."""
from decimal import ROUND_DOWN, Decimal, localcontext


def monthly(salaries):  # expect: PSL102
    out = []
    for emp, yearly in salaries:
        out.append((emp, Decimal(yearly) / 12))
    return out


def yearly_rows(salaries):  # expect: PSL102
    return [f"{emp};{Decimal(yearly) / 7}" for emp, yearly in salaries]


def bank_lines(salaries):
    entries = monthly(salaries)
    with localcontext() as ctx:
        ctx.prec = 8
        ctx.rounding = ROUND_DOWN
        return [f"{emp};{amount}" for emp, amount in entries]


def stamped_rows(salaries, header_path):
    rows = yearly_rows(salaries)
    with open(header_path, encoding="utf-8") as fh:
        stamp = fh.readline().strip()
        return [f"{stamp};{row}" for row in rows]
