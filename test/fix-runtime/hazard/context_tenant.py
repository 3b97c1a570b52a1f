"""Multi-tenant export: rows are tagged with the tenant held in a context variable; the caller
switches to the next tenant before it writes the tagged rows out. Eagerly every row carries
the tenant of the call; lazily it would carry the next one.

Usage: python3 context_tenant.py [N]
"""
import contextvars
import sys

current_tenant = contextvars.ContextVar("current_tenant", default="none")


def invoices(n, offset):
    for i in range(n):
        yield {"id": offset + i, "amount": (i * 37 + offset) % 500}


def tag_with_tenant(rows):
    return [dict(row, tenant=current_tenant.get()) for row in rows]


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    totals = {}
    for index, tenant in enumerate(["acme", "globex", "initech"]):
        current_tenant.set(tenant)
        tagged = tag_with_tenant(invoices(n, index * n))
        current_tenant.set("none")
        for row in tagged:
            totals[row["tenant"]] = totals.get(row["tenant"], 0) + row["amount"]
    print(" ".join(f"{k}={v}" for k, v in sorted(totals.items())))


if __name__ == "__main__":
    main(sys.argv)
