"""Catalog index: parsed rows are reshaped, then indexed by SKU."""


def parse_catalog(lines):
    return (line.rstrip("\n").split("\t") for line in lines)


def to_products(rows):
    return ({"sku": r[0], "title": r[1], "price": float(r[2])} for r in rows)


def index_by_sku(products):
    index = {}
    for p in products:
        index[p["sku"]] = p
    return index


def price_of(lines, sku):
    index = index_by_sku(to_products(parse_catalog(lines)))  # expect: PSL101 "`parse_catalog()`"
    return index[sku]["price"]
