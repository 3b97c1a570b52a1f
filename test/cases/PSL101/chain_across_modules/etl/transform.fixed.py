"""Transform steps — jede Stufe liefert neue Datensätze."""
from typing import Dict, Iterator, List

from .extract import Row


def to_records(rows: List[Row]) -> Iterator[Dict]:
    for shipment_id, carrier, weight in rows:
        yield {"id": shipment_id, "carrier": carrier.upper(), "kg": weight / 1000}


def with_cost(records: List[Dict], rate_per_kg: float) -> Iterator[Dict]:
    return ({**r, "cost": round(r["kg"] * rate_per_kg, 2)} for r in records)
