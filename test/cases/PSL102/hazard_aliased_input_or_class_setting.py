"""Inventory report: the caller reaches the producers' inputs through other names — an alias of
the stock table, a dict holding the order list — or changes a class-level setting the filter
reads, before or while it reads the results."""
import os


class Thresholds:
    LOW_STOCK = 5


def low_stock(levels):  # expect: PSL102
    return [sku for sku, qty in levels.items() if qty <= Thresholds.LOW_STOCK]


def tagged(orders):  # expect: PSL102
    return [f"{os.environ.get('WAREHOUSE', 'main')}:{o}" for o in orders]


def restock_plan(levels):  # expect: PSL102
    plan = []
    for sku in levels:
        if levels[sku] < 10:
            plan.append(sku)
    return plan


def open_orders(orders):  # expect: PSL102
    return [o for o in orders if not o.endswith("-done")]


def report(levels, orders):
    low = low_stock(levels)
    Thresholds.LOW_STOCK = 0
    print("low", sorted(low))
    labels = tagged(orders)
    os.environ["WAREHOUSE"] = "overflow"
    print("labels", ",".join(labels))
    table = levels
    for sku in restock_plan(levels):
        table[f"{sku}-reorder"] = 50
    batch = {"orders": orders}
    pending = open_orders(orders)
    batch["orders"].clear()
    print("pending", sum(1 for _ in pending))
