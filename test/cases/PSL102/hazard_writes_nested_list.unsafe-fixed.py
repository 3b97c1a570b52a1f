"""Cart audit: the copied cart still shares its items list with the caller's cart."""


def audited_carts(carts):  # expect: PSL102
    for cart in carts:
        cart = dict(cart)
        cart["items"].append({"sku": "AUDIT", "qty": 0})
        yield cart


def audit_report(carts, out):
    for cart in audited_carts(carts):
        out.write(f"{cart['id']}: {len(cart['items'])} items\n")
