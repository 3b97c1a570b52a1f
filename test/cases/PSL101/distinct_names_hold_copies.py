"""Order pricing: each step keeps its own local, so every copy lives until the end."""

TAX = {"DE": 0.19, "AT": 0.20, "CH": 0.081}


def extract(raw_orders):
    return [{"id": o["id"], "country": o["country"], "net": float(o["net"])} for o in raw_orders]


def with_tax(orders):
    return [{**o, "tax": round(o["net"] * TAX.get(o["country"], 0.0), 2)} for o in orders]


def with_gross(orders):
    return [{**o, "gross": o["net"] + o["tax"]} for o in orders]


def daily_total(raw_orders):
    orders = extract(raw_orders)  # expect: PSL101 "up to 4 full copies"
    taxed = with_tax(orders)
    priced = with_gross(taxed)
    return sum(o["gross"] for o in priced)
