"""Nightly ETL: load raw records, normalise, enrich and filter them step by step."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from .store import fetch_orders, load_customers


@dataclass(frozen=True)
class Order:
    id: int
    region: str
    amount: float


def normalize(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [{k.lower(): v for k, v in row.items()} for row in rows]  # expect: PSL103 "`rows` is rebuilt"
    rows = [row for row in rows if row.get("id")]  # expect: PSL103
    return rows


def enrich(records, rates: dict[str, float]):
    records = list(map(lambda r: {**r, "rate": rates[r["region"]]}, records))  # expect: PSL103 "the parameter `records`"
    return records


def load_events(path: Path) -> dict[str, dict]:
    with open(path) as fh:
        data = json.load(fh)
    data = {key: {**value, "seen": True} for key, value in data.items()}  # expect: PSL103 "json.load"
    return data


def import_csv(path: Path) -> list[list[str]]:
    with open(path, newline="") as fh:
        table = list(csv.reader(fh))
        table = [[cell.strip() for cell in line] for line in table]  # expect: PSL103 "csv.reader"
    return table


def price_orders(region: str) -> list[Order]:
    orders = fetch_orders(region)
    orders = [replace(o, amount=round(o.amount * 1.2, 2)) for o in orders]  # expect: PSL103 "fetch_orders"
    orders = [o for o in orders if o.amount > 0]  # expect: PSL103 "fetch_orders"
    return orders


def customers_by_id() -> dict[int, dict]:
    customers = load_customers()
    customers = {c["id"]: c for c in customers}  # expect: PSL103
    return customers


def collect_lines(paths: Iterable[Path]) -> list[str]:
    lines = []
    for path in paths:
        with open(path) as fh:
            for line in fh:
                lines.append(line)
    lines = [line.rstrip("\n") for line in lines]  # expect: PSL103 "filled in a loop"
    return lines


def read_prices(path: Path) -> list[float]:
    with open(path) as fh:
        prices = fh.read().splitlines()
    prices = [float(p) for p in prices]  # expect: PSL103
    return prices


def rescale(samples: list[float], factor: float) -> list[float]:
    samples = [s * factor for s in samples]  # expect: PSL103
    return samples


def chain(transactions, steps):
    for step in steps:
        transactions = [step(t) for t in transactions]  # expect: PSL103
    return transactions
