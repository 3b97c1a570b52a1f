"""Report service that keeps the loaded rows on the instance: the rows escape into an
attribute and are read by two different methods later.

Usage: python3 stored_on_instance.py [N]
"""
import sys


def warehouse_rows(n):
    for i in range(n):
        yield (f"WH-{i % 9}", f"SKU-{i:06d}", (i * 17) % 120)


class StockReport:
    def __init__(self, n):
        self.rows = self.load(n)

    def load(self, n):
        rows = []
        for wh, sku, qty in warehouse_rows(n):
            rows.append({"warehouse": wh, "sku": sku, "qty": qty})
        return rows

    def totals(self):
        per = {}
        for r in self.rows:
            per[r["warehouse"]] = per.get(r["warehouse"], 0) + r["qty"]
        return per

    def empty_bins(self):
        count = 0
        for r in self.rows:
            count += r["qty"] == 0
        return count


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    report = StockReport(n)
    print("totals", sorted(report.totals().items()))
    print("empty bins", report.empty_bins())


if __name__ == "__main__":
    main(sys.argv)
