"""Nightly order ETL: extract raw order lines, clean them, price them, roll up per region.

Usage: python3 etl_orders.py [N]
"""
from __future__ import annotations

import sys
from collections import defaultdict

REGIONS = ("north", "south", "east", "west", "central")
PRODUCTS = ("widget", "gadget", "doohickey", "sprocket", "gizmo", "thingamajig")
TAX_RATES = {"north": 0.07, "south": 0.05, "east": 0.0825, "west": 0.09, "central": 0.06}


def extract_orders(n: int) -> list[dict]:
    """Pretend to pull the day's orders out of the shop database as raw strings."""
    orders = []
    for i in range(n):
        orders.append({
            "order_id": f"ORD-{i:08d}",
            "customer": f"  Customer {i % 977:04d} <customer{i % 977}@example.com>  ",
            "region": REGIONS[i % len(REGIONS)].upper(),
            "product": PRODUCTS[(i * 7) % len(PRODUCTS)],
            "quantity": str(1 + (i * 31) % 9),
            "unit_price": f"{(i * 37) % 5000 / 100 + 1:.2f}",
            "notes": f"placed via channel {(i * 13) % 4} / batch {i // 500} / ref {i * 2654435761 % 2**32:010d}",
        })
    return orders


def clean_orders(raw_orders: list[dict]) -> list[dict]:
    cleaned = []
    for raw in raw_orders:
        name, _, email = raw["customer"].strip().partition(" <")
        cleaned.append({
            "order_id": raw["order_id"],
            "customer_name": name,
            "customer_email": email.rstrip(">"),
            "region": raw["region"].lower(),
            "product": raw["product"],
            "quantity": int(raw["quantity"]),
            "unit_price": float(raw["unit_price"]),
            "notes": raw["notes"].replace(" / ", "; "),
        })
    return cleaned


def price_orders(orders: list[dict]) -> list[dict]:
    return [
        {
            **order,
            "subtotal": round(order["quantity"] * order["unit_price"], 2),
            "tax": round(order["quantity"] * order["unit_price"] * TAX_RATES[order["region"]], 2),
            "label": f"{order['order_id']}:{order['product']}:{order['customer_email']}",
        }
        for order in orders
    ]


def rollup_by_region(orders) -> dict[str, dict[str, float]]:
    totals: dict[str, dict[str, float]] = defaultdict(
        lambda: {"orders": 0, "units": 0, "subtotal": 0.0, "tax": 0.0}
    )
    for order in orders:
        bucket = totals[order["region"]]
        bucket["orders"] += 1
        bucket["units"] += order["quantity"]
        bucket["subtotal"] += order["subtotal"]
        bucket["tax"] += order["tax"]
    return dict(totals)


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    raw = extract_orders(n)
    cleaned = clean_orders(raw)
    priced = price_orders(cleaned)
    report = rollup_by_region(priced)
    print(f"regions={len(report)}")
    for region in sorted(report):
        b = report[region]
        print(f"{region:8s} orders={b['orders']} units={b['units']} "
              f"subtotal={b['subtotal']:.2f} tax={b['tax']:.2f}")


if __name__ == "__main__":
    main(sys.argv)
