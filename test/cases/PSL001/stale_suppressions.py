"""Nightly import of supplier price lists — Lieferanten-Preislisten, größte zuerst.

Old `# noqa` comments from a refactor are left behind: the code they excused is gone.
"""
import csv
import functools
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PriceRow:
    sku: str
    price_cents: int


# expect: 19 PSL001 "non-enabled: `PSL202`"
@functools.cache  # noqa: PSL202
def supplier_currency(supplier: str) -> str:
    return "EUR" if supplier.endswith(".de") else "USD"


def read_rows(path: Path):
    with path.open(newline="", encoding="utf-8") as handle:
        # expect: PSL001 "`PSL105`"
        reader = csv.DictReader(handle)  # type: ignore[arg-type]  # noqa: PSL105
        for raw in reader:
            yield PriceRow(raw["sku"], int(raw["price_cents"]))


def cheapest(paths: list[Path]) -> dict[str, int]:
    best: dict[str, int] = {}
    for path in paths:
        # expect: PSL001 "`PSL104`"
        for row in read_rows(path):  # noqa: E501, PSL104
            if row.price_cents < best.get(row.sku, 1 << 62):
                best[row.sku] = row.price_cents
    return best


def summary(best: dict[str, int]) -> str:
    # expect: PSL001 "unknown: `PSL999`"
    total = sum(best.values())  # noqa: PSL999  # checked by finance, ticket 4411
    return f"{len(best)} SKUs, total {total / 100:.2f}"


def report(paths: list[Path]) -> None:
    # expect: PSL001 "`PSL103`"
    print(summary(cheapest(paths)))  # noqa:PSL103 printed once per night
