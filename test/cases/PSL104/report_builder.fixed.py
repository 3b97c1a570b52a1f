"""Monthly sales report: totals, extremes and flags over the day's order rows."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Order:
    region: str
    amount: Decimal
    quantity: int
    late: bool
    customer: str


def summarize(orders: list[Order]) -> dict[str, object]:
    # Überblick: Umsatz je Region — the non-ASCII text sits before the first fix site.
    total = sum(o.amount for o in orders)  # expect: 17 PSL104 "`sum([...])`"
    units = sum((o.quantity for o in orders), 0)  # expect: PSL104
    biggest = max((o.amount for o in orders), default=Decimal(0))  # expect: PSL104 "`max([...])`"
    earliest = min(
        (o.customer.lower() for o in orders),  # expect: 9 PSL104 "`min([...])`"
        key=len,
    )
    regions = {o.region for o in orders}  # expect: PSL104 "`set([...])`"
    frozen = frozenset(o.region.upper() for o in orders if o.quantity)  # expect: PSL104
    ranked = sorted((o.amount for o in orders), reverse=True)  # expect: PSL104
    pairs = tuple((o.customer, o.amount) for o in orders)  # expect: PSL104
    by_customer = dict((o.customer, o.amount) for o in orders)  # expect: PSL104 "`dict([...])`"
    return {
        "total": total, "units": units, "biggest": biggest, "earliest": earliest,
        "regions": regions, "frozen": frozen, "ranked": ranked, "pairs": pairs,
        "by_customer": by_customer,
    }


def late_count(orders: list[Order]) -> int:
    # Counting through a list: `sum(1 for ...)` counts without one (unsafe: `o` is no longer built).
    late = len([o for o in orders if o.late])  # expect: PSL104 "only to count it"
    # A literal or an existing list is not built here.
    return late + len([1, 2]) + len(orders)


def flags(orders: list[Order]) -> tuple[bool, bool]:
    # any/all stop early: a generator computes fewer elements, so the fix is unsafe.
    any_late = any([o.late for o in orders])  # expect: PSL104 "`any([...])`"
    all_paid = all([o.amount > 0 for o in orders])  # expect: PSL104 "`all([...])`"
    return any_late, all_paid


def labels(orders: list[Order]) -> str:
    # join builds its own list from any iterable: a list comprehension is as good here.
    header = ", ".join([o.customer for o in orders])
    # Already a generator expression.
    total = sum(o.amount for o in orders)
    # A literal list of a few values is not a materialized data set.
    spread = max([total, Decimal(1), Decimal(2)])
    # Statistics functions copy their input to a list anyway; not a reducer we check.
    median = statistics.median([o.amount for o in orders])
    # A Counter is not in the default reducers.
    counts = Counter([o.region for o in orders])
    return f"{header} {total} {spread} {median} {counts}"


def shadowed(orders):
    def sum(values, start=0):  # a local `sum` that needs a real list
        return values[0] + start if values else start

    return sum([o.amount for o in orders])


def splatted(orders, extra):
    # The comprehension is not the first positional argument.
    first = max(1, *[o.quantity for o in orders])
    second = min(key=abs, *extra)
    return first, second
