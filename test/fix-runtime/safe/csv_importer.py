"""Import a vendor's customer CSV export into the CRM.

The export is rendered in memory (we have no vendor here), parsed with the csv module,
validated, mapped onto CRM records and loaded into a tiny in-memory store that only keeps
per-country and per-tier counters plus a checksum.

Usage: python3 csv_importer.py [N]
"""
import csv
import hashlib
import sys
from typing import Any, Dict, List

COUNTRIES = ["DE", "FR", "NL", "BE", "AT", "CH", "PL", "CZ", "DK", "SE", "??"]
TIERS = ["bronze", "silver", "gold", "platinum"]
HEADER = "customer_id,full_name,email,country,tier,signup_date,lifetime_value,street,city,comment"


def render_vendor_export(n: int) -> List[str]:
    lines = []
    lines.append(HEADER + "\r\n")
    for i in range(n):
        country = COUNTRIES[(i * 5) % len(COUNTRIES)]
        email = "" if i % 97 == 0 else f"user.{i}@mail{i % 13}.example.org"
        lines.append(
            f'C{i:07d},"Surname{i % 1013}, Given{i % 89}",{email},{country},'
            f'{TIERS[(i * 3) % len(TIERS)]},2021-{1 + i % 12:02d}-{1 + i % 28:02d},'
            f'{(i * 7919) % 100000 / 10:.1f},"{i % 400} Long Example Street, Apt {i % 17}",'
            f'City{i % 211},"imported from legacy system, batch {i // 1000}, row {i}"\r\n'
        )
    return lines


def parse_export(lines) -> List[Dict[str, Any]]:
    records = []
    for row in csv.DictReader(lines):
        records.append({
            "customer_id": row["customer_id"],
            "name": row["full_name"],
            "email": row["email"].strip().lower(),
            "country": row["country"],
            "tier": row["tier"],
            "signup": row["signup_date"],
            "ltv": float(row["lifetime_value"]),
            "address": f"{row['street']}, {row['city']}",
            "comment": row["comment"],
        })
    return records


def validate(records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [r for r in records if r["email"] and r["country"] != "??"]


def to_crm(records) -> List[Dict[str, Any]]:
    crm = []
    for r in records:
        last, _, first = r["name"].partition(", ")
        crm.append({
            "external_id": r["customer_id"],
            "first_name": first,
            "last_name": last,
            "email": r["email"],
            "segment": f"{r['country']}-{r['tier']}",
            "value_band": "high" if r["ltv"] > 5000 else "low",
            "ltv_cents": int(round(r["ltv"] * 100)),
            "address": r["address"].upper(),
            "source": "vendor-export:" + r["comment"],
        })
    return crm


class CrmStore:
    def __init__(self) -> None:
        self.by_segment: Dict[str, int] = {}
        self.value_cents = 0
        self.count = 0
        self.digest = hashlib.sha256()
        self.first: List[str] = []

    def load(self, crm_records) -> None:
        for rec in crm_records:
            self.by_segment[rec["segment"]] = self.by_segment.get(rec["segment"], 0) + 1
            self.value_cents += rec["ltv_cents"]
            self.count += 1
            self.digest.update(rec["external_id"].encode())
            self.digest.update(rec["email"].encode())
            if len(self.first) < 3:
                self.first.append(f"{rec['external_id']} {rec['last_name']}/{rec['first_name']} {rec['segment']}")


def main(argv: List[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    store = CrmStore()
    store.load(to_crm(validate(parse_export(render_vendor_export(n)))))
    print(f"imported={store.count} value_cents={store.value_cents}")
    print(f"checksum={store.digest.hexdigest()[:16]}")
    for seg in sorted(store.by_segment)[:6]:
        print(f"  {seg}: {store.by_segment[seg]}")
    for line in store.first:
        print("  sample", line)


if __name__ == "__main__":
    main(sys.argv)
