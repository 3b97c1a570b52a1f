"""An importer: parse CSV lines, keep the valid ones, load them into a store."""
import csv
import io
from typing import Iterable


def parse(line: str) -> list[str]:
    return next(csv.reader(io.StringIO(line)))


def import_lines(lines: Iterable[str], store: list[list[str]]) -> int:
    parsed = list(map(parse, lines))  # expect: PSL104 "`parsed = list(map(...))`"
    for fields in parsed:
        store.append(fields)
    valid = list(filter(None, store))  # expect: PSL104 "`valid = list(filter(...))`"
    return sum(len(v) for v in valid)


def import_twice(lines: list[str]) -> tuple[int, int]:
    # Read twice: a map object would be empty the second time.
    parsed = list(map(parse, lines))
    widths = [len(p) for p in parsed]
    names = [p[0] for p in parsed]
    return len(widths), len(names)


def import_and_count(lines: list[str]) -> int:
    # `len()` needs a sized collection.
    parsed = list(map(parse, lines))
    return len(parsed)


def import_returned(lines: list[str]) -> list[list[str]]:
    # Returned: the caller decides how it is used.
    parsed = list(map(parse, lines))
    return parsed


def import_in_loop(batches: list[list[str]]) -> int:
    # Bound outside the loop, read inside it: iterated once per batch.
    header = list(map(str.strip, batches[0]))
    total = 0
    for batch in batches:
        for column in header:
            total += len(column) + len(batch)
    return total


def direct_use(lines: list[str]) -> int:
    total = 0
    for fields in list(map(parse, lines)):  # expect: PSL104 "`list(map(parse, lines))`"
        total += len(fields)
    counted = sum(list(map(len, lines)))  # expect: PSL104 "`sum(list(...))`"
    best = max(list(len(line) for line in lines), default=0)  # expect: PSL104
    unique = sorted(list(set(lines)))  # expect: PSL104 "`sorted(list(...))`"
    return total + counted + best + len(unique)
