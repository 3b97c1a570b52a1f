"""Discount matching: every order is checked against every active code."""


def active_codes(codes):
    return [c for c in codes if c["active"]]


def match_discounts(orders, codes):
    usable = active_codes(codes)
    matches = []
    for order in orders:
        for code in usable:
            if code["min_total"] <= order["total"]:
                matches.append((order["id"], code["code"]))
    return matches
