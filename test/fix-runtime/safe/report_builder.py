"""Monthly margin report: a ReportBuilder pulls ledger rows, normalizes them, enriches them
with cost data and renders fixed-width report lines that are streamed into a digest.

Usage: python3 report_builder.py [N]
"""
from __future__ import annotations

import hashlib
import sys

DEPARTMENTS = ["hardware", "software", "services", "support", "training", "consulting", "cloud"]


class ReportBuilder:
    def __init__(self, n: int, currency: str = "EUR") -> None:
        self.n = n
        self.currency = currency
        self.cost_ratio = {d: 0.35 + 0.05 * i for i, d in enumerate(DEPARTMENTS)}

    def fetch_rows(self) -> list[dict]:
        rows = []
        for i in range(self.n):
            rows.append({
                "entry": i,
                "dept": DEPARTMENTS[(i * 5) % len(DEPARTMENTS)].title(),
                "account": f"4{(i * 17) % 1000:03d}-{i % 10}",
                "amount": f"{((i * 7907) % 200000 - 50000) / 100:.2f}",
                "memo": f"Invoice INV-{i:09d} for customer {i % 613} - {DEPARTMENTS[i % 7]} work order {i * 3 % 10007}",
            })
        return rows

    def _normalize_row(self, row: dict) -> dict:
        return {
            "entry": row["entry"],
            "dept": row["dept"].lower(),
            "account": row["account"].replace("-", ""),
            "amount_cents": int(round(float(row["amount"]) * 100)),
            "memo": " ".join(row["memo"].split()),
        }

    def normalize(self, rows: list[dict]) -> list[dict]:
        return [self._normalize_row(row) for row in rows]

    def enrich(self, rows: list[dict]) -> list[dict]:
        enriched = []
        for row in rows:
            cost = int(row["amount_cents"] * self.cost_ratio[row["dept"]])
            enriched.append({
                **row,
                "cost_cents": cost,
                "margin_cents": row["amount_cents"] - cost,
                "currency": self.currency,
            })
        return enriched

    def _format(self, row: dict) -> str:
        return (f"{row['entry']:>9} {row['dept']:<11} {row['account']:>8} "
                f"{row['amount_cents'] / 100:>12.2f} {row['margin_cents'] / 100:>12.2f} {row['currency']} "
                f"{row['memo'][:60]}")

    def render(self, rows: list[dict]) -> list[str]:
        lines = []
        for row in rows:
            lines.append(self._format(row))
        return lines

    def build(self) -> tuple[int, str, list[str]]:
        lines = self.render(self.enrich(self.normalize(self.fetch_rows())))
        digest = hashlib.sha256()
        count = 0
        head: list[str] = []
        for line in lines:
            digest.update(line.encode())
            count += 1
            if len(head) < 4:
                head.append(line)
        return count, digest.hexdigest(), head


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    count, digest, head = ReportBuilder(n).build()
    print(f"lines={count} sha256={digest}")
    for line in head:
        print(line)


if __name__ == "__main__":
    main(sys.argv)
