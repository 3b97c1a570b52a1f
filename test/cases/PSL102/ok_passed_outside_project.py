"""API response: the list goes to the JSON encoder as a whole."""
import json


def serialize_orders(orders):
    return [{"id": o.id, "total": str(o.total)} for o in orders]


def orders_response(orders):
    return json.dumps(serialize_orders(orders))
