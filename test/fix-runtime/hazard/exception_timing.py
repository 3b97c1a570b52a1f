"""Bank statement import: a batch with a malformed amount is rejected as a whole. The parser
raises while it builds the list, inside the caller's try block; as a generator it would raise
later, in the loop outside the try.

Usage: python3 exception_timing.py [N]
"""
import sys


def statement_batches(n):
    for b in range(max(1, n // 100)):
        yield [f"2024-03-{1 + k % 28:02d};{'n/a' if (b % 4 == 3 and k == 50) else (b * 100 + k) % 977 / 4}"
               for k in range(100)]


def parse_amounts(lines):
    amounts = []
    for line in lines:
        _date, amount = line.split(";")
        amounts.append(float(amount))
    return amounts


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    accepted = rejected = 0
    total = 0.0
    for batch in statement_batches(n):
        try:
            amounts = parse_amounts(batch)
        except ValueError:
            rejected += 1
            continue
        for a in amounts:
            total += a
        accepted += 1
    print(f"accepted={accepted} rejected={rejected} total={total:.2f}")


if __name__ == "__main__":
    main(sys.argv)
