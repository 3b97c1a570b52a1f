"""Public helpers of the billing library."""

__all__ = ["line_items", "invoice_total"]


def line_items(order):
    return [(item["sku"], item["qty"] * item["price"]) for item in order["items"]]


def invoice_total(order):
    return sum(amount for _sku, amount in line_items(order))
