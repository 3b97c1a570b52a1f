"""A caching service: loads rows once, then builds lookup tables from them."""
from __future__ import annotations

import sqlite3
from typing import Any


class ProductCache:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.rows: list[tuple[Any, ...]] = []
        self.by_sku: dict[str, tuple[Any, ...]] = {}
        self.tags = ["new", "sale"]

    def load(self) -> None:
        conn = sqlite3.connect(self.db_path)
        self.rows = conn.execute("SELECT sku, name, price FROM products").fetchall()
        conn.close()

    def clean(self) -> None:
        # Dropping discontinued products builds a second list next to the first.
        self.rows = [r for r in self.rows if r[2] is not None]  # expect: PSL103 "`self.rows`"
        self.by_sku = {r[0]: r for r in self.rows}
        # `tags` is a small literal list.
        self.tags = [t.upper() for t in self.tags]

    def reprice(self, factor: float) -> None:
        # The lookup table is built from the loaded rows: as large as they are.
        self.by_sku = {sku: (sku, row[1], row[2] * factor) for sku, row in self.by_sku.items()}  # expect: PSL103 "built from `self.rows`"

    async def refresh(self, client) -> None:
        payload = await client.fetch_products()
        payload = [p for p in payload if p.get("active")]  # expect: PSL103
        self.by_sku = {p["sku"]: tuple(p.values()) for p in payload}

    def apply_discounts(self, items: list[dict[str, Any]], discounts: dict[str, float]) -> list[dict[str, Any]]:
        match discounts:
            case {"all": rate}:
                items = [{**i, "price": i["price"] * (1 - rate)} for i in items]  # expect: PSL103
            case _:
                pass
        return items

    def dedupe(self, entries: list[str]) -> list[str]:
        if (n := len(entries)) > 1000:
            entries = list({e: None for e in entries})
        entries = [e for e in entries if e]  # expect: PSL103
        return entries[:n]
