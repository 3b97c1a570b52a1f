from collections import Counter

from .loaders import load_orders as read_orders
from . import models


def revenue_by_customer(lines) -> Counter:
    revenue: Counter = Counter()
    for order in read_orders(lines):
        revenue[order.customer] += order.total_cents
    return revenue


def biggest(lines) -> models.Order | None:
    return max(read_orders(lines), key=lambda o: o.total_cents, default=None)
