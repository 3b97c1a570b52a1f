"""Nightly price job: loads every row, reshapes it twice, and caches lookups."""
import csv
import functools


def load_rows(path):
    with open(path, newline="") as f:
        return [dict(row) for row in csv.DictReader(f)]


def normalize(rows):
    out = []
    for row in rows:
        out.append({**row, "price": float(row["price"]), "qty": int(row["qty"])})
    return out


def enrich(rows):
    return [{**row, "value": row["price"] * row["qty"]} for row in rows]


def total_value(path):
    rows = enrich(normalize(load_rows(path)))
    return sum([row["value"] for row in rows])


class PriceBook:
    def __init__(self, prices):
        self.prices = prices

    @functools.lru_cache(maxsize=None)
    def price_for(self, sku):
        return self.prices[sku]
