"""Shipment ETA enrichment: stamps each shipment in place."""


def with_eta(shipments, days):  # expect: PSL102
    for s in shipments:
        s["eta_days"] = days.get(s["carrier"], 5)
        yield s


def late_shipments(shipments, days):
    return [s["id"] for s in with_eta(shipments, days) if s["eta_days"] > 7]
