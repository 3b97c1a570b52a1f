"""Nightly export: copy rows from the shop's SQLite database into CSV and JSON lines."""
import csv
import json
import sqlite3
from contextlib import closing
from pathlib import Path


def export_users(db_path: Path, out_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    cur.execute("SELECT id, name, email FROM users")
    count = 0
    with open(out_path, "w", newline="") as out:
        writer = csv.writer(out)
        # Ärger vermeiden: the non-ASCII comment sits before a fix site.
        for user_id, name, email in cur:  # expect: 37 PSL105 "`cur.fetchall()`"
            writer.writerow([user_id, name, email])
            count += 1
    conn.close()
    return count


def export_orders(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    lines = [json.dumps(row) for row in conn.execute("SELECT * FROM orders")]  # expect: PSL105
    total = sum(row[0] for row in conn.execute("SELECT amount FROM orders"))  # expect: PSL105
    lines.append(str(total))
    return lines


def export_with_alias(db_path: Path) -> dict[int, str]:
    with closing(sqlite3.connect(db_path)) as db:
        with closing(db.cursor()) as c:
            c.execute("SELECT id, sku FROM products")
            return {pid: sku for pid, sku in c}  # expect: PSL105


def copy_prices(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT id, price FROM products")
    # The loop writes through the same connection: reading the table while changing it is
    # undefined in SQLite, so the rows must be fetched first.
    for pid, price in cur.fetchall():
        conn.execute("UPDATE products SET price = ? WHERE id = ?", (price * 1.1, pid))
    conn.commit()
    # The loop re-executes the same cursor: fetching first is required.
    cur = conn.cursor()
    cur.execute("SELECT id FROM products")
    for (pid,) in cur.fetchall():
        cur.execute("DELETE FROM stock WHERE product_id = ?", (pid,))
    return 0


def report_counts(db_path: Path) -> tuple[int, list]:
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT region, COUNT(*) FROM orders GROUP BY region")
    # Used more than once: the list is needed.
    rows = cur.fetchall()
    print(len(rows))
    for region, n in rows:
        print(region, n)
    # Returned to the caller.
    cur.execute("SELECT * FROM regions")
    regions = cur.fetchall()
    return len(rows), regions


def first_rows(db_path: Path) -> list:
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT * FROM orders")
    # Indexed, not iterated.
    head = cur.fetchall()[:10]
    # fetchmany already reads in batches.
    for row in cur.fetchmany(500):
        print(row)
    return head
