"""A DOM-like tree whose nodes log when they are finalized."""
from __future__ import annotations

from dataclasses import dataclass, field


class Element:
    def __init__(self, tag: str, parent: Element | None = None) -> None:
        self.tag = tag
        self.children: list[Element] = []
        self.parent = parent
        if parent is not None:
            parent.children.append(self)

    def __del__(self) -> None:  # expect: PSL303 "self.parent = parent"
        print(f"<{self.tag}> freed")


@dataclass
class Row:
    table: "Table"
    cells: list[str] = field(default_factory=list)

    def __del__(self) -> None:  # expect: PSL303
        print("row freed")


class Table:
    def __init__(self) -> None:
        self.rows: list[Row] = []

    def add_row(self, *cells: str) -> Row:
        row = Row(self, list(cells))
        self.rows.append(row)
        return row


class Leaf:
    """Holds plain values only."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __del__(self) -> None:
        print("leaf freed")


class Container:
    def __init__(self) -> None:
        self.leaves: list[Leaf] = []

    def add(self, text: str) -> None:
        self.leaves.append(Leaf(text))
