"""Monthly billing run: load accounts with their metered usage, compute charges, apply
discounts, finalize invoices and book them into the ledger totals.

Usage: python3 billing_batch.py [N]
"""
import sys
from collections import Counter
from typing import Any

PLANS = {"starter": (900, 0.12), "team": (4900, 0.09), "business": (19900, 0.07), "enterprise": (99900, 0.05)}
PLAN_NAMES = sorted(PLANS)


def load_accounts(n: int) -> list[dict[str, Any]]:
    accounts = []
    for i in range(n):
        plan = PLAN_NAMES[(i * 7) % len(PLAN_NAMES)]
        accounts.append({
            "account_id": f"acct_{i:08d}",
            "company": f"Company {i % 4099} GmbH & Co. KG, division {i % 13}",
            "plan": plan,
            "usage": [((i * 31 + d * 17) % 1000) / 10 for d in range(12)],
            "coupon": f"SPRING{i % 5}" if i % 6 == 0 else "",
            "country": ("DE", "AT", "CH", "FR")[i % 4],
        })
    return accounts


def compute_charges(accounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    charges = []
    for acct in accounts:
        base, rate = PLANS[acct["plan"]]
        metered = sum([round(u * rate * 100) for u in acct["usage"]])
        charges.append({
            "account_id": acct["account_id"],
            "company": acct["company"],
            "plan": acct["plan"],
            "base_cents": base,
            "metered_cents": metered,
            "coupon": acct["coupon"],
            "country": acct["country"],
        })
    return charges


def apply_discounts(charges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    discounted = []
    for ch in charges:
        pct = int(ch["coupon"][-1]) * 5 if ch["coupon"] else 0
        gross = ch["base_cents"] + ch["metered_cents"]
        discounted.append({**ch, "discount_cents": gross * pct // 100, "gross_cents": gross})
    return discounted


def finalize(charges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    vat = {"DE": 19, "AT": 20, "CH": 8, "FR": 20}
    return [
        {
            "invoice_no": f"INV-2024-03-{ch['account_id'][5:]}",
            "company": ch["company"],
            "plan": ch["plan"],
            "net_cents": ch["gross_cents"] - ch["discount_cents"],
            "vat_cents": (ch["gross_cents"] - ch["discount_cents"]) * vat[ch["country"]] // 100,
            "line": f"{ch['plan']} plan, metered {ch['metered_cents']} cents, coupon {ch['coupon'] or '-'}",
        }
        for ch in charges
    ]


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    invoices = finalize(apply_discounts(compute_charges(load_accounts(n))))
    per_plan = Counter()
    net = vat = 0
    sample = []
    for inv in list(invoices):
        per_plan[inv["plan"]] += inv["net_cents"]
        net += inv["net_cents"]
        vat += inv["vat_cents"]
        if len(sample) < 3:
            sample.append(f"{inv['invoice_no']} {inv['company']}: {inv['line']}")
    print(f"net={net} vat={vat} gross={net + vat}")
    for plan in PLAN_NAMES:
        print(f"  {plan:11s} {per_plan[plan]}")
    for line in sample:
        print("  " + line)


if __name__ == "__main__":
    main(sys.argv)
