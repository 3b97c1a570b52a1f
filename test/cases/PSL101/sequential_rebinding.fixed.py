"""Inventory sync: every stage hands back new rows, bound to the same name."""


def fetch_stock(feed):
    return (line.split(";") for line in feed if line and not line.startswith("#"))


def parse_stock(rows):
    return ((sku.strip(), int(qty), warehouse.strip()) for sku, qty, warehouse in rows)


def drop_empty(rows):
    for sku, qty, warehouse in rows:
        if qty > 0:
            yield (sku, qty, warehouse)


def sync(feed, store):
    rows = fetch_stock(feed)  # expect: PSL101 "up to 3 full copies"
    rows = parse_stock(rows)
    rows = drop_empty(rows)
    for sku, qty, warehouse in rows:
        store.set_quantity(sku, warehouse, qty)
