"""Loaders for the back-office exports (Bestellübersicht)."""
from __future__ import annotations

import csv
from typing import Iterable

from .models import Order


def load_orders(lines: Iterable[str]) -> list[Order]:  # expect: PSL102
    orders: list[Order] = []
    for row in csv.reader(lines):
        if not row or row[0].startswith("#"):
            continue
        orders.append(Order(order_id=row[0], customer=row[1].strip(), total_cents=int(row[2])))
    return orders
