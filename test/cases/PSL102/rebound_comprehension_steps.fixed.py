"""Customer import: each helper cleans the rows in a few rebinding steps and hands them on."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

Record = dict[str, Any]


def load_customers(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def clean_customers(records: list[Record]) -> Iterator[Record]:  # expect: PSL102
    records = (r for r in records if r.get("id") and not r.get("deleted"))
    records = ({**r, "email": r.get("email", "").strip().lower()} for r in records)
    return records


def named_customers(path: Path):  # expect: PSL102
    rows = (r for r in load_customers(path) if r.get("name"))
    rows = ({**r, "name": r["name"].title()} for r in rows)
    return rows


def logged_batch(records: list[Record]) -> list[Record]:
    # The length is read between the steps: the intermediate list is needed whole.
    records = [r for r in records if r.get("id")]
    print(f"{len(records)} valid customers")
    records = [{**r, "batch": 1} for r in records]
    return records


def unique_domains(records: list[Record]) -> list[str]:
    # A set step before the list: a generator would not drop the duplicates.
    domains = {r["email"].split("@")[-1] for r in records}
    domains = [d for d in domains if d]
    return domains


def export_emails(path: Path, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for customer in clean_customers(load_customers(path)):
            fh.write(customer["email"] + "\n")
            count += 1
    return count


def greeting_cards(path: Path) -> list[str]:
    return [f"Dear {r['name']}," for r in named_customers(path)]


def batch_report(path: Path) -> str:
    return "\n".join(str(r["id"]) for r in logged_batch(load_customers(path)))


def domain_count(path: Path) -> int:
    return sum(1 for _ in unique_domains(load_customers(path)))
