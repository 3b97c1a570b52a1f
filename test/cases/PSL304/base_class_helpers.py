"""Importer steps that report failures through helpers of a shared base class."""
from __future__ import annotations

import csv
import logging
from typing import Any, Iterable

log = logging.getLogger(__name__)


class Step:
    def __init__(self, name: str) -> None:
        self.name = name
        self.failures: list[tuple[int, Exception]] = []
        self.failed_rows = 0

    def record_failure(self, lineno: int, exc: Exception) -> None:
        self.failures.append((lineno, exc))

    def count_failure(self, lineno: int, exc: Exception) -> None:
        self.failed_rows += 1
        log.warning("%s: line %d: %s", self.name, lineno, exc)


class ParsePrices(Step):
    def run(self, rows: Iterable[dict[str, str]]) -> list[dict[str, Any]]:
        out = []
        for lineno, row in enumerate(rows, 2):
            try:
                out.append({**row, "price": float(row["price"])})
            except (KeyError, ValueError) as exc:
                self.record_failure(lineno, exc)  # expect: PSL304 "hands the caught exception"
        return out


class ParseDates(Step):
    def run(self, path: str) -> int:
        good = 0
        with open(path, newline="") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), 2):
                try:
                    int(row["year"])
                    good += 1
                except (KeyError, ValueError) as exc:
                    self.count_failure(lineno, exc)
        return good
