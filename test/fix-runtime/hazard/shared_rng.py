"""Warehouse simulation with one seeded random generator and one id counter for the whole run:
the order generator draws quantities and ids from them, and so does the dispatcher while it
walks the orders. Lazily, their draws would interleave and every number would change.

Usage: python3 shared_rng.py [N]
"""
import itertools
import random
import sys

rng = random.Random(20240601)
_ids = itertools.count(1)
SKUS = ["bolt", "nut", "gear", "belt", "pump"]


def next_id():
    return next(_ids)


def generate_orders(n):
    orders = []
    for _ in range(n):
        orders.append({"id": next_id(), "sku": rng.choice(SKUS), "qty": rng.randint(1, 9)})
    return orders


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    shipped = 0
    delayed = 0
    checksum = 0
    for order in generate_orders(n):
        parcel = next_id()
        if rng.random() < 0.2:
            delayed += 1
        else:
            shipped += order["qty"]
        checksum = (checksum * 31 + order["id"] * 7 + parcel) % 1_000_003
    print(f"shipped={shipped} delayed={delayed} checksum={checksum}")


if __name__ == "__main__":
    main(sys.argv)
