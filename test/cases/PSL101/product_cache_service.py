"""Product cache (the case study): DB rows → native dicts → overrides → lookup tables."""


class ProductCache:
    def __init__(self, db, discounted=("toys",)):
        self.db = db
        self.discounted = frozenset(discounted)
        self.by_sku = {}

    def _query(self):
        return [tuple(r) for r in self.db.execute("SELECT id, sku, category, cents FROM product")]

    def _to_native(self, rows):
        return [{"id": r[0], "sku": r[1], "category": r[2], "cents": int(r[3])} for r in rows]

    def _apply_overrides(self, records):
        out = []
        for rec in records:
            cents = rec["cents"] * 9 // 10 if rec["category"] in self.discounted else rec["cents"]
            out.append({**rec, "cents": cents})
        return out

    def refresh(self):
        rows = self._query()  # expect: PSL101 "`_to_native()` → `_apply_overrides()`"
        records = self._to_native(rows)
        records = self._apply_overrides(records)
        self.by_sku = {r["sku"]: r["cents"] for r in records}
