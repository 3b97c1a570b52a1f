"""Order validation report: every record is checked and every problem is reported; all([...])
evaluates every check before combining them. all(...) over a generator would stop at the first
failure and report only one problem.

Usage: python3 all_side_effects.py [N]
"""
import sys


def check(order, problems):
    ok = order["qty"] > 0 and "@" in order["email"]
    if not ok:
        problems.append(f"{order['id']}: qty={order['qty']} email={order['email']!r}")
    return ok


def orders(n):
    for i in range(n):
        yield {"id": f"SO-{i:05d}", "qty": -1 if i % 97 == 5 else 1 + i % 4,
               "email": "" if i % 89 == 7 else f"c{i}@shop.example"}


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    problems = []
    valid = all([check(o, problems) for o in orders(n)])
    print(f"valid={valid} problems={len(problems)}")
    for p in problems[:5]:
        print("  ", p)


if __name__ == "__main__":
    main(sys.argv)
