"""Invoice pricing: each row is copied before the computed fields are written to it."""


def price_invoices(invoices, vat):  # expect: PSL102
    priced = []
    for invoice in invoices:
        invoice = dict(invoice)
        invoice["net"] = round(invoice["unit_price"] * invoice["qty"], 2)
        invoice["gross"] = round(invoice["net"] * (1 + vat), 2)
        priced.append(invoice)
    return priced


def revenue(invoices):
    return sum(inv["gross"] for inv in price_invoices(invoices, 0.2))
