"""Nightly CRM sync: records are filtered and reshaped in steps inside each stage."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Record = dict[str, Any]


def load_records(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def clean(records: list[Record]) -> list[Record]:
    records = [r for r in records if r.get("id") and not r.get("deleted")]
    records = [{**r, "name": r.get("name", "").strip()} for r in records]
    return records


def index_by_id(records: list[Record]) -> dict[str, Record]:
    return {str(r["id"]): r for r in records}


def sync(path: Path, out: Path) -> int:
    records = load_records(path)  # expect: PSL101 "`clean()` → `index_by_id()`"
    records = clean(records)
    by_id = index_by_id(records)
    out.write_text(json.dumps(by_id, sort_keys=True), encoding="utf-8")
    return len(by_id)

