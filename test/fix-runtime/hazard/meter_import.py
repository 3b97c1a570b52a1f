"""Smart-meter import: each batch of readings is parsed with plain int(); the import loop
prints a checkpoint every 1000 readings inside a try/except that rejects a batch with a bad
reading. Eagerly, a bad batch prints nothing but "rejected"; a lazy parser would let the loop
print checkpoints for the readings before the bad one. The crawl frontier below is a
module-level list handed to a filter while the loop adds to it.

Usage: python3 meter_import.py [N]
"""
import sys

FRONTIER = ["meter-a", "meter-b", "meter-c"]


def render_batch(n, batch):
    lines = []
    for i in range(n):
        value = "n/a" if batch % 2 and i == n // 2 else str((i * 7919 + batch) % 5000)
        lines.append(f"meter-{i % 40};{value};kWh")
    return lines


def parse_readings(lines):
    return [int(line.split(";")[1]) for line in lines]


def import_batch(lines):
    total = 0
    try:
        for i, value in enumerate(parse_readings(lines)):
            total += value
            if i % 1000 == 0:
                print(f"  checkpoint {i}: {total}")
    except ValueError:
        print("  rejected")
        return 0
    return total


def follow(meter):
    if len(FRONTIER) < 50:
        FRONTIER.append(meter + "-child")


def unvisited(meters):
    return [m for m in meters if not m.endswith("-visited")]


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    for batch in range(4):
        lines = render_batch(n, batch)
        print(f"batch {batch}: {len(lines)} lines")
        print(f"  total {import_batch(lines)}")
    visited = 0
    for meter in unvisited(FRONTIER):
        visited += 1
        follow(meter)
    print("visited", visited, "frontier", len(FRONTIER))


if __name__ == "__main__":
    main(sys.argv)
