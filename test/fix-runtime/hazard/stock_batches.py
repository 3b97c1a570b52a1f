"""Stock import in batches: `report` prints every parsed line while it totals a batch, and
`main` rejects a batch with a bad quantity (`except ValueError`) one call further up. Eagerly a
bad batch prints no line before "rejected"; lazily its good lines would be printed first.

Usage: python3 stock_batches.py [N]
"""
import sys


def make_batches(n):
    batches = []
    for b in range(max(1, n // 100)):
        lines = [f"SKU-{(b * 100 + i) % 977:04d},{(i * 7) % 40}" for i in range(100)]
        if b % 5 == 3:
            lines[60] = f"SKU-{b:04d},n/a"
        batches.append(lines)
    print("batches:", len(batches))
    return batches


def parse(lines):
    out = []
    for line in lines:
        sku, qty = line.split(",")
        out.append((sku, int(qty)))
    return out


def report(lines, shown):
    total = 0
    for i, (sku, qty) in enumerate(parse(lines)):
        if i < 2:
            print(" ", sku, qty)
            shown[0] += 1
        total += qty
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    shown = [0]
    accepted = rejected = 0
    for batch in make_batches(n):
        try:
            print("total", report(batch, shown))
            accepted += 1
        except ValueError as exc:
            print("rejected:", exc)
            rejected += 1
    print("accepted:", accepted, "rejected:", rejected, "lines shown:", shown[0])


if __name__ == "__main__":
    main()
