"""Order import service: a service object wired with its parts (`self.parser = OrderParser()`,
a pricer handed in by the caller) parses the export, prices each order on a copy of the row and
totals the revenue per region.

Usage: python3 order_import_service.py [N]
"""
import sys

REGIONS = ["north", "south", "east", "west", "central"]
PRODUCTS = {"A-100": 4.5, "B-220": 12.0, "C-310": 7.25, "D-404": 99.9, "E-550": 0.99}


def render_export(n):
    lines = []
    skus = sorted(PRODUCTS)
    for i in range(n):
        sku = skus[i % len(skus)]
        lines.append(f"{i:07d};{REGIONS[(i * 7) % len(REGIONS)]};{sku};{1 + i % 9};customer-{i % 1234:04d}@example.org")
    return lines


class OrderParser:
    def parse(self, lines):
        orders = []
        for line in lines:
            order_id, region, sku, qty, email = line.split(";")
            orders.append({"id": order_id, "region": region, "sku": sku, "qty": int(qty), "email": email})
        return orders


class Pricer:
    def __init__(self, prices, vat):
        self.prices = prices
        self.vat = vat

    def price(self, orders):
        priced = []
        for order in orders:
            order = dict(order)
            order["net"] = round(self.prices[order["sku"]] * order["qty"], 2)
            order["gross"] = round(order["net"] * (1 + self.vat), 2)
            priced.append(order)
        return priced


class ImportService:
    def __init__(self, pricer: Pricer):
        self.parser = OrderParser()
        self.pricer = pricer

    def revenue_by_region(self, lines):
        orders = self.parser.parse(lines)
        revenue = {}
        for order in self.pricer.price(orders):
            revenue[order["region"]] = revenue.get(order["region"], 0.0) + order["gross"]
        return revenue


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    service = ImportService(Pricer(PRODUCTS, 0.19))
    revenue = service.revenue_by_region(render_export(n))
    for region in sorted(revenue):
        print(f"{region}: {revenue[region]:.2f}")


if __name__ == "__main__":
    main(sys.argv)
