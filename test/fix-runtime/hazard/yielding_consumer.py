"""Report page renderer: a generator stage renders the visible rows of a module-level table and
is driven by the caller, which adds a late row after reading the header and the first row.
Eagerly the rows were snapshotted when the stage started; lazily the late row would show up.

Usage: python3 yielding_consumer.py [N]
"""
import sys

ROWS = []


def visible_rows():
    rows = []
    for row in ROWS:
        if not row["hidden"]:
            rows.append(row)
    return rows


def render_page():
    yield "<table>"
    for row in visible_rows():
        yield f"<tr><td>{row['name']}</td><td>{row['qty']}</td></tr>"
    yield "</table>"


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    ROWS.extend({"name": f"item{i}", "qty": i % 9, "hidden": i % 5 == 0} for i in range(n))
    page = render_page()
    header = next(page)
    first = next(page)
    ROWS.append({"name": "late", "qty": 99, "hidden": False})
    rest = list(page)
    print(header, first)
    print(f"rows={len(rest) - 1} last={rest[-2]}")


if __name__ == "__main__":
    main(sys.argv)
