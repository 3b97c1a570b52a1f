"""Extract: the ERP hands out whole result sets."""
from typing import List, Tuple

Row = Tuple[str, str, int]


def read_shipments(conn) -> List[Row]:
    return [(r[0], r[1], int(r[2])) for r in conn.execute("SELECT id, carrier, weight_g FROM shipment")]
