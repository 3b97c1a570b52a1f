"""Nightly CSV import: rows that fail validation are collected for the report."""
import csv
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class RowFailure:
    line: int
    error: Exception


class Summary:
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def validate(row: dict) -> dict:
    if not row.get("sku"):
        raise ValueError("missing sku")
    return row


class Importer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[Exception] = []
        self.messages: list[str] = []

    def run(self) -> list[dict]:
        good = []
        with self.path.open(newline="", encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    good.append(validate(row))
                except ValueError as e:
                    self.errors.append(e)  # expect: PSL304 "in a container"
                    self.messages.append(f"line {line}: {e}")
                    log.warning("line %d rejected: %s", line, e)
        return good


def import_rows(rows: list[dict]) -> tuple[list[dict], list]:
    ok, failures, by_line, notes = [], [], {}, []
    for line, row in enumerate(rows, start=2):
        try:
            ok.append(validate(row))
        except ValueError as exc:
            failures.append(RowFailure(line, exc))  # expect: PSL304
            by_line[line] = exc  # expect: PSL304
            notes.append(Summary(line, str(exc)))
            notes.append((line, repr(exc), type(exc).__name__))
    return ok, failures


def import_all(paths: list[Path]) -> None:
    errors = []
    try:
        for path in paths:
            try:
                Importer(path).run()
            except OSError as exc:
                errors.append(exc)
        if errors:
            raise ExceptionGroup("import failed", errors)
    finally:
        errors.clear()  # break the cycle explicitly, like socket.create_connection
