"""Admin export: dump a table as CSV, header taken from the cursor description."""
import csv
import sqlite3
import sys


def export_table(db_path, table, out=sys.stdout):
    conn = sqlite3.connect(db_path)
    cur = conn.execute(f"SELECT * FROM {table}")
    rows = cur.fetchall()  # expect: PSL105
    header = [col[0] for col in cur.description]
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    conn.close()


def export_in_pages(db_path, out=sys.stdout):
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT id, email FROM users ORDER BY id")
    first = cur.fetchall()
    # the cursor is read again before the rows are: they had to be fetched first
    extra = cur.fetchone()
    for row in first:
        out.write(f"{row[0]},{row[1]}\n")
    return extra


def column_report(db_path):
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT * FROM orders")
    rows = cur.fetchall()
    print(f"{len(rows)} rows, columns: {', '.join(c[0] for c in cur.description)}")
    return [r[0] for r in rows]
