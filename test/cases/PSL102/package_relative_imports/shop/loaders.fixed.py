"""Loaders for the back-office exports (Bestellübersicht)."""
from __future__ import annotations

import csv
from typing import Iterable, Iterator

from .models import Order


def load_orders(lines: Iterable[str]) -> Iterator[Order]:  # expect: PSL102
    for row in csv.reader(lines):
        if not row or row[0].startswith("#"):
            continue
        yield Order(order_id=row[0], customer=row[1].strip(), total_cents=int(row[2]))
