"""Regression (issue 6): `for a, b in zip(xs, ys)` binds `a` to xs's items and `b` to ys's, not both to both."""
from dataclasses import dataclass


@dataclass
class Price:
    amount: float
    currency: str


class Label:
    def __init__(self, text: str) -> None:
        self.text = text


def attach_prices(rows: list, amounts: list[float]) -> None:
    for row, amount in zip(rows, amounts):
        row.price = Price(amount, "EUR")


def attach_labels(widgets: list, texts: list[str]) -> None:
    for index, (widget, text) in enumerate(zip(widgets, texts)):
        widget.label = Label(f"{index}: {text}")


class Grid:
    def __init__(self) -> None:
        self.cells: list["Cell"] = []

    def fill(self, coords: list[tuple[int, int]], values: list[float]) -> None:
        for (x, y), value in zip(coords, values):
            cell = Cell(x, y, value)
            cell.grid = self  # expect: PSL301 "self.cells.append(cell)"
            self.cells.append(cell)


class Cell:
    def __init__(self, x: int, y: int, value: float) -> None:
        self.x, self.y, self.value = x, y, value
        self.grid: Grid | None = None
