"""E-commerce checkout batch: expand carts into line items, apply promotions and tax,
then total the orders.

Usage: python3 checkout.py [N]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class Line:
    order: int
    sku: str
    qty: int
    unit: Decimal
    discount: Decimal = Decimal("0")
    tax: Decimal = Decimal("0")


CATALOG = {f"SKU-{i:04d}": Decimal(i % 90 + 10) + Decimal("0.99") for i in range(300)}


class Checkout:
    def __init__(self, tax_rate: str = "0.19") -> None:
        self.tax_rate = Decimal(tax_rate)

    @staticmethod
    def expand(n: int) -> list[Line]:
        lines = []
        for order in range(n):
            for k in range(order % 3 + 1):
                sku = f"SKU-{(order * 7 + k) % 300:04d}"
                lines.append(Line(order, sku, 1 + (order + k) % 4, CATALOG[sku]))
        return lines

    def promote(self, lines: list[Line]) -> list[Line]:
        return [
            replace(line, discount=(line.unit * line.qty * Decimal("0.10")).quantize(Decimal("0.01")))
            if line.qty >= 3 else line
            for line in lines
        ]

    def taxed(self, lines: list[Line]) -> list[Line]:
        out = []
        for line in lines:
            net = line.unit * line.qty - line.discount
            out.append(replace(line, tax=(net * self.tax_rate).quantize(Decimal("0.01"))))
        return out

    def run(self, n: int) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = {}
        for line in self.taxed(self.promote(self.expand(n))):
            totals[line.order] = totals.get(line.order, Decimal("0")) + line.unit * line.qty - line.discount + line.tax
        return totals


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    totals = Checkout().run(n)
    print("orders:", len(totals))
    print("revenue:", sum(totals.values(), Decimal("0")))
    print("largest:", max(totals.values()))


if __name__ == "__main__":
    main()
