"""Customer and handle lookups for the billing worker."""
_customers = {}  # expect: PSL201 "`_customers`"
_handles = {}


def _cached(customer_id):
    return _customers.get(customer_id)


def _remember(customer_id, record):
    _customers[customer_id] = record


def customer(customer_id, db):
    record = _cached(customer_id)
    if record is None:
        record = db.fetch_customer(customer_id)
        _remember(customer_id, record)
    return record


def wrap(obj):
    # An id table handed to a remote peer: not a memo of anything.
    hid = id(obj)
    _handles[hid] = obj
    return hid


def children(hid):
    parent = _handles[hid]
    return [wrap(child) for child in parent.children]


def release(hid):
    _handles.pop(hid, None)
