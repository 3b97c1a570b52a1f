"""Daily sales rollup: POS export -> EUR -> region -> totals per region and store.

Usage: python3 main.py [N]
"""
import sys

import transforms
from sources import load_fx_rates, load_sales


def rollup(sales):
    per_region = {}
    per_store = {}
    loyalty = 0
    for sale in sales:
        per_region[sale["region"]] = round(per_region.get(sale["region"], 0.0) + sale["amount_eur"], 2)
        per_store[sale["store"]] = per_store.get(sale["store"], 0) + 1
        loyalty += sale["loyalty"]
    return per_region, per_store, loyalty


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    rates = load_fx_rates()
    sales = transforms.attach_region(transforms.to_base_currency(load_sales(n), rates))
    per_region, per_store, loyalty = rollup(sales)
    print(f"receipts={sum(per_store.values())} loyalty={loyalty}")
    for region in sorted(per_region):
        print(f"  {region:5s} {per_region[region]:.2f} EUR")
    print("  stores", sorted(per_store.items()))


if __name__ == "__main__":
    main(sys.argv)
