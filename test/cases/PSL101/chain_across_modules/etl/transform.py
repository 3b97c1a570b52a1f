"""Transform steps — jede Stufe liefert neue Datensätze."""
from typing import Dict, List

from .extract import Row


def to_records(rows: List[Row]) -> List[Dict]:
    records = []
    for shipment_id, carrier, weight in rows:
        records.append({"id": shipment_id, "carrier": carrier.upper(), "kg": weight / 1000})
    return records


def with_cost(records: List[Dict], rate_per_kg: float) -> List[Dict]:
    return [{**r, "cost": round(r["kg"] * rate_per_kg, 2)} for r in records]
