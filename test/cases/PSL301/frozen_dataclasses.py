"""Frozen dataclasses that get their owner attached after construction."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str = "text"
    table: "Table" = field(init=False, compare=False, repr=False)

    def bind(self, table: "Table") -> None:
        object.__setattr__(self, "table", table)  # expect: PSL301 "self.columns.append(column)"


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    slug: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "slug", "_".join(self.columns).lower())


class Table:
    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: list[Column] = []
        self.indexes: list[Index] = []

    def add_column(self, name: str, dtype: str = "text") -> Column:
        column = Column(name, dtype)
        column.bind(self)
        self.columns.append(column)
        return column

    def add_index(self, *columns: str) -> Index:
        index = Index(f"ix_{self.name}", columns)
        self.indexes.append(index)
        return index
