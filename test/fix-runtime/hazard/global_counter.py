"""Sensor import with module-level counters: the parser bumps global statistics for every
record, and the caller reports them right after the call, before it loads the rows.

Usage: python3 global_counter.py [N]
"""
import sys

STATS = {"parsed": 0, "skipped": 0}
seen_devices = 0


def raw_lines(n):
    for i in range(n):
        yield "" if i % 13 == 0 else f"dev{i % 50};{i * 3 % 400};{'ok' if i % 7 else 'degraded'}"


def parse_lines(lines):
    global seen_devices
    parsed = []
    for line in lines:
        if not line:
            STATS["skipped"] += 1
            continue
        STATS["parsed"] += 1
        seen_devices += 1
        device, value, health = line.split(";")
        parsed.append({"device": device, "value": int(value), "health": health})
    return parsed


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    readings = parse_lines(raw_lines(n))
    print(f"parsed={STATS['parsed']} skipped={STATS['skipped']} devices_seen={seen_devices}")
    total = 0
    for r in readings:
        total += r["value"]
    print(f"total={total}")


if __name__ == "__main__":
    main(sys.argv)
