"""Nightly inventory sync: parse supplier feeds, reconcile against the catalog, propose reorders.

Usage: python3 main.py [N]
"""
import sys

from inventory import stages
from inventory.feeds import parse_feed, supplier_feed


def summarize(proposals):
    per_supplier = {}
    total_qty = 0
    first_notes = []
    for p in proposals:
        per_supplier[p["supplier"]] = per_supplier.get(p["supplier"], 0) + 1
        total_qty += p["order_qty"]
        if len(first_notes) < 3:
            first_notes.append(p["note"])
    return per_supplier, total_qty, first_notes


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    catalog = stages.build_catalog(n // 3)
    items = parse_feed(supplier_feed(n))
    merged = stages.merge_with_catalog(items, catalog)
    proposals = stages.compute_reorders(merged)
    per_supplier, total_qty, notes = summarize(proposals)
    print(f"catalog={len(catalog)} proposals={sum(per_supplier.values())} qty={total_qty}")
    print("  per supplier", sorted(per_supplier.items()))
    for note in notes:
        print("  ", note)


if __name__ == "__main__":
    main(sys.argv)
