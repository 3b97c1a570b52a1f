from . import transform
from .extract import read_shipments


def run(conn, out, rate=4.5):
    shipments = read_shipments(conn)  # expect: PSL101 "`to_records()` → `with_cost()`"
    records = transform.to_records(shipments)
    for record in transform.with_cost(records, rate):
        out.write(f"{record['id']};{record['carrier']};{record['cost']}\n")
