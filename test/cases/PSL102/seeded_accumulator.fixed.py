"""Inventory report: the line list starts with its header rows."""
from __future__ import annotations
from collections.abc import Iterator


def report_lines(items, warehouse: str) -> Iterator[str]:  # expect: PSL102
    yield f"Stock report for {warehouse}"
    yield "-" * 40
    for sku, qty in sorted(items.items()):
        yield f"{sku:<20}{qty:>8}"


def restock_plan(items, minimum: int) -> list[str]:
    plan = ["sku,order"]
    for sku, qty in items.items():
        if qty < minimum:
            plan.append(f"{sku},{minimum - qty}")
    return plan


def print_report(items, warehouse: str) -> None:
    for line in report_lines(items, warehouse):
        print(line)


def save_plan(items, path: str) -> int:
    plan = restock_plan(items, 10)
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(plan))
    return len(plan) - 1
