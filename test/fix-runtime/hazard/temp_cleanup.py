"""Nightly dump import: the dump is unpacked into a temporary directory, parsed, and the
directory is removed before the rows are loaded. A lazy parser would open the file after it
is gone.

Usage: python3 temp_cleanup.py [N]
"""
import os
import sys
import tempfile


def parse_dump(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, _, value = line.rstrip("\n").partition("\t")
            rows.append((key, int(value)))
    return rows


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "dump.tsv")
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(f"metric.{i % 40}\t{(i * 37) % 1000}\n")
        rows = parse_dump(path)
    totals = {}
    try:
        for key, value in rows:
            totals[key] = totals.get(key, 0) + value
    except FileNotFoundError as exc:
        print("dump vanished:", type(exc).__name__)
    print(f"keys={len(totals)} total={sum(totals.values())}")


if __name__ == "__main__":
    main(sys.argv)
