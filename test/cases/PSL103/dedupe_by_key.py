"""Webhook event import: later deliveries of the same event replace earlier ones."""
import json
from typing import Iterable


def load_deliveries(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def latest_deliveries(path):
    deliveries = load_deliveries(path)
    deliveries = list({d["event_id"]: d for d in deliveries}.values())  # expect: PSL103 "`deliveries`"
    return deliveries


def dedupe_orders(orders: Iterable[dict]):
    orders = list({o["order_id"]: o for o in orders}.values())  # expect: PSL103
    return orders


def merged_headers(defaults, overrides):
    # A handful of header names, not a data set.
    headers = list({h.lower(): h for h in defaults + overrides}.values())
    headers = list({h.lower(): h for h in headers}.values())
    return headers


def distinct_tags(records):
    # A new name: the records stay as they are.
    tags = list({r["tag"]: None for r in records}.keys())
    return tags
