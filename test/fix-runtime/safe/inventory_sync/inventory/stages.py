"""Reconciliation stages: each takes items and hands back new records."""
from typing import Dict, List

from .feeds import FeedItem


def build_catalog(size: int) -> Dict[str, int]:
    """Minimum stock per SKU (kept by the service, so a dict it is)."""
    return {f"ITEM-{k:07d}": 50 + (k * 11) % 200 for k in range(size)}


def merge_with_catalog(items: List[FeedItem], catalog: Dict[str, int]) -> List[dict]:
    merged = []
    for supplier, sku, qty, lead, remark in items:
        minimum = catalog.get(sku)
        if minimum is None:
            continue
        merged.append({
            "supplier": supplier,
            "sku": sku,
            "on_hand": qty,
            "minimum": minimum,
            "lead_days": lead,
            "remark": remark,
            "urgent": remark.count("urgent"),
        })
    return merged


def compute_reorders(records: List[dict]) -> List[dict]:
    proposals = []
    for rec in records:
        shortfall = rec["minimum"] - rec["on_hand"]
        if shortfall <= 0:
            continue
        proposals.append({
            "sku": rec["sku"],
            "supplier": rec["supplier"],
            "order_qty": shortfall + rec["lead_days"] * (1 + rec["urgent"]),
            "note": f"{rec['supplier']}:{rec['sku']} short {shortfall} ({rec['remark']})",
        })
    return proposals
