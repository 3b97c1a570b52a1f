"""Product cache service (the case study): on refresh it queries every product row from the
database driver, converts the driver's tuples into native dicts, applies pricing overrides and
builds the lookup tables that the service answers from.

Usage: python3 cache_service.py [N]
"""
import sys
from collections import defaultdict

COLUMNS = ("id", "sku", "name", "category", "price_cents", "stock", "description", "updated_at")
CATEGORIES = ["garden", "kitchen", "tools", "toys", "books", "outdoor", "office", "pets"]


def query_products(n):
    """Stand-in for the database driver: one tuple per row, all columns as text."""
    rows = []
    for i in range(n):
        rows.append((
            str(i),
            f"SKU-{CATEGORIES[i % 8][:3].upper()}-{i:08d}",
            f"Product {i} ({CATEGORIES[i % 8]} line, series {i % 37})",
            CATEGORIES[i % 8],
            str(199 + (i * 7919) % 50000),
            str((i * 31) % 250),
            f"A very fine {CATEGORIES[i % 8]} item number {i}. Ships in {1 + i % 9} days. "
            f"Warehouse bin {i % 311}-{i % 17}. Supplier code SUP{i % 97:03d}.",
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
        ))
    return rows


class ProductCache:
    def __init__(self, n, discount_categories=("toys", "books")):
        self.n = n
        self.discount_categories = frozenset(discount_categories)
        self.by_id = {}
        self.by_sku = {}
        self.by_category = {}

    def _to_native(self, rows):
        return [
            {
                "id": int(r[0]),
                "sku": r[1],
                "name": r[2],
                "category": r[3],
                "price_cents": int(r[4]),
                "stock": int(r[5]),
                "description": r[6].strip(),
                "updated_at": r[7].replace("T", " ").rstrip("Z"),
            }
            for r in rows
        ]

    def _apply_overrides(self, records):
        out = []
        for rec in records:
            price = rec["price_cents"]
            if rec["category"] in self.discount_categories:
                price = price * 9 // 10
            out.append({
                **rec,
                "price_cents": price,
                "in_stock": rec["stock"] > 0,
                "search_text": f"{rec['sku']} {rec['name']} {rec['description']}".lower(),
            })
        return out

    def _build_lookups(self, records):
        by_id = {}
        by_sku = {}
        by_category = defaultdict(int)
        for rec in records:
            by_id[rec["id"]] = (rec["price_cents"], rec["stock"])
            by_sku[rec["sku"]] = rec["id"]
            by_category[rec["category"]] += rec["in_stock"]
        self.by_id = by_id
        self.by_sku = by_sku
        self.by_category = dict(by_category)

    def refresh(self):
        rows = query_products(self.n)
        records = self._to_native(rows)
        records = self._apply_overrides(records)
        self._build_lookups(records)

    def price_of(self, sku):
        return self.by_id[self.by_sku[sku]][0]


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    cache = ProductCache(n)
    cache.refresh()
    print(f"products={len(cache.by_id)} skus={len(cache.by_sku)}")
    print("in stock per category", sorted(cache.by_category.items()))
    for i in (0, 1, n // 2, n - 1):
        sku = f"SKU-{CATEGORIES[i % 8][:3].upper()}-{i:08d}"
        print(f"  {sku} price={cache.price_of(sku)} stock={cache.by_id[i][1]}")
    print("total value", sum(p * s for p, s in cache.by_id.values()))


if __name__ == "__main__":
    main(sys.argv)
