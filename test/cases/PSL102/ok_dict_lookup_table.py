"""Currency table for the checkout: built once, read item by item here."""


def rates_by_currency(rows):
    return {r["code"]: r["rate"] for r in rows}


def print_rates(rows):
    for code in rates_by_currency(rows):
        print(code)
