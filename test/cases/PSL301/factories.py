"""Factories that build and return the child: the owner stores what the factory returns."""
from __future__ import annotations


class Worksheet:
    def __init__(self, book: "Workbook", title: str) -> None:
        self.book = book  # expect: PSL301
        self.title = title
        self.cells: dict[str, object] = {}

    @classmethod
    def blank(cls, book: "Workbook") -> "Worksheet":
        return cls(book, f"Sheet{len(book.sheets) + 1}")


class Workbook:
    def __init__(self) -> None:
        self.sheets: list[Worksheet] = []

    def _new_sheet(self, title: str) -> Worksheet:
        sheet = Worksheet(self, title)
        return sheet

    def add_sheet(self, title: str) -> Worksheet:
        sheet = self._new_sheet(title)
        self.sheets.append(sheet)
        return sheet

    def add_blank(self) -> Worksheet:
        sheet = Worksheet.blank(self)
        self.sheets.append(sheet)
        return sheet

    def preview(self, title: str) -> str:
        # Built and thrown away: the workbook never keeps it.
        return self._new_sheet(title).title


class Column:
    def __init__(self, name: str, table_name: str) -> None:
        self.name = name
        self.table_name = table_name


class Table:
    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: list[Column] = []

    def column(self, name: str) -> Column:
        col = Column(name, self.name)
        self.columns.append(col)
        return col
