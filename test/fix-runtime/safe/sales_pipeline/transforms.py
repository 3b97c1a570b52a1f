"""Row transforms for the sales pipeline. Every stage returns new rows."""

REGION_OF = {"BER": "DACH", "MUC": "DACH", "HAM": "DACH", "LON": "UK", "NYC": "US", "TOK": "APAC"}


def to_base_currency(sales: list[dict], rates: dict[str, float]) -> list[dict]:
    converted = []
    for sale in sales:
        eur = round(float(sale["amount"]) * rates[sale["currency"]], 2)
        converted.append({
            "receipt": sale["receipt"],
            "store": sale["store"],
            "amount_eur": eur,
            "cashier": sale["cashier"],
            "loyalty": "loyalty=yes" in sale["lines"],
            "detail": sale["lines"] + f"; fx={sale['currency']}",
        })
    return converted


def attach_region(sales: list[dict]) -> list[dict]:
    return [dict(sale, region=REGION_OF[sale["store"][:3]], key=sale["store"] + "/" + sale["cashier"]) for sale in sales]
