"""Another return path returns None: the callers would see a generator or None — no rewrite."""


def parse_price_list(text):
    if not text.strip():
        return None
    prices = []
    for line in text.splitlines():
        sku, _, price = line.partition("=")
        prices.append((sku.strip(), float(price)))
    return prices


def cheapest(text):
    best = None
    for sku, price in parse_price_list(text):
        if best is None or price < best[1]:
            best = (sku, price)
    return best
