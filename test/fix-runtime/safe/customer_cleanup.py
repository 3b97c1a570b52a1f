"""Customer cleanup: helpers that clean rows in a few rebinding steps before handing them on.

Run: python3 customer_cleanup.py N
"""
from __future__ import annotations

import sys
from typing import Any

Record = dict[str, Any]
DOMAINS = ["example.com", "mail.test", "corp.example", "héllo.test"]


def load_customers(n: int) -> list[Record]:
    customers = []
    for i in range(n):
        customers.append({
            "id": i if i % 17 else None,
            "name": f"  customer {i}  ",
            "email": f" User{i}@{DOMAINS[i % len(DOMAINS)]} ".upper(),
            "deleted": i % 11 == 0,
            "spend": (i * 37) % 500,
        })
    return customers


def clean_customers(records: list[Record]) -> list[Record]:
    records = [r for r in records if r["id"] is not None and not r["deleted"]]
    records = [{**r, "email": r["email"].strip().lower(), "name": r["name"].strip().title()} for r in records]
    return records


def with_tiers(records):
    tiered = [{**r, "tier": "gold" if r["spend"] > 400 else "silver" if r["spend"] > 200 else "bronze"} for r in records]
    tiered = [r for r in tiered if r["tier"] != "bronze" or r["id"] % 2 == 0]
    return tiered


def summarize(records) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in records:
        key = f'{r["tier"]}@{r["email"].split("@")[1]}'
        counts[key] = counts.get(key, 0) + 1
    return counts


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    counts = summarize(with_tiers(clean_customers(load_customers(n))))
    for key in sorted(counts):
        print(f"{key}: {counts[key]}")


if __name__ == "__main__":
    main()
