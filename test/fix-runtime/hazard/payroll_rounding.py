"""Payroll in cents: salaries are converted under a narrow decimal context for the bank file
while the report itself runs under the default context. `monthly` is called before
`with localcontext()` and read inside it: lazily its divisions would run at the bank file's
narrow precision instead of the default one.

Usage: python3 payroll_rounding.py [N]
"""
import sys
from decimal import ROUND_DOWN, Decimal, localcontext


def load_salaries(n):
    return [(f"E{i:05d}", Decimal(30000 + (i * 7919) % 50000) / Decimal(7)) for i in range(n)]


def monthly(salaries):
    out = []
    for emp, yearly in salaries:
        out.append((emp, yearly / 12))
    return out


def bank_lines(entries):
    return [f"{emp};{amount}" for emp, amount in entries]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    salaries = load_salaries(n)
    print("employees:", len(salaries))
    entries = monthly(salaries)
    with localcontext() as ctx:
        ctx.prec = 8
        ctx.rounding = ROUND_DOWN
        lines = bank_lines(entries)
    print("lines:", len(lines))
    width = 0
    digest = 0
    for line in lines:
        width = max(width, len(line))
        digest = (digest * 131 + sum(map(ord, line))) % 1_000_000_007
    print("widest:", width)
    print("digest:", digest)


if __name__ == "__main__":
    main()
