"""Nightly order import for the Zürich warehouse — Lieferscheine from the ERP export."""
import csv
import sys


def read_order_lines(path):  # expect: PSL102 "its only caller reads it only once"
    lines = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lines.append({
                "order_id": row["Auftrag"],
                "sku": row["Artikel"].strip().upper(),
                "qty": int(row["Menge"]),
                "customer": row["Kunde"].strip(),
            })
    return lines


def main(argv):
    total = 0
    for line in read_order_lines(argv[1]):
        total += line["qty"]
    sys.stdout.write(f"{total} units\n")


if __name__ == "__main__":
    main(sys.argv)
