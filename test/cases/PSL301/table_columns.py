"""Schema objects of a query builder: a column belongs to its table and to its model."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Column:
    name: str
    table: Table  # expect: PSL301 "self.columns.append(col)"
    model: Model  # expect: PSL301 "self.model.columns.append(col)"
    nullable: bool = True


@dataclass
class Index:
    """Points at its table; the table never lists its indexes."""

    name: str
    table: Table
    columns: list[str] = field(default_factory=list)


class Model:
    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: list[Column] = []


class Table:
    def __init__(self, name: str, model: Model) -> None:
        self.name = name
        self.model = model
        self.columns: list[Column] = []

    def add_column(self, name: str, nullable: bool = True) -> Column:
        col = Column(name, self, self.model, nullable)
        self.columns.append(col)
        self.model.columns.append(col)
        return col

    def index(self, *names: str) -> Index:
        return Index(f"ix_{self.name}_{'_'.join(names)}", self, list(names))
