"""Lazily built helpers: a cached_property keeps what it returns in the instance's __dict__."""
from __future__ import annotations

import functools
import json
from functools import cached_property
from pathlib import Path


class ReportBuilder:
    def __init__(self, source: Path, currency: str = "EUR") -> None:
        self.source = source
        self.currency = currency

    @cached_property
    def rows(self) -> list[dict]:
        # Plain data: nothing in it points back at the builder.
        return json.loads(self.source.read_text())

    @cached_property
    def format_amount(self):
        return functools.partial(self._format, currency=self.currency)  # expect: PSL302

    @functools.cached_property
    def row_filter(self):
        return lambda row: row.get("currency") == self.currency  # expect: PSL302

    @property
    def renderer(self):
        # A plain property builds a fresh callable per access and keeps none.
        return functools.partial(self._format, currency=self.currency)

    def _format(self, amount: float, currency: str) -> str:
        return f"{amount:,.2f} {currency}"

    def render(self) -> str:
        lines = [self.format_amount(r["amount"]) for r in self.rows if self.row_filter(r)]
        return "\n".join(lines)
