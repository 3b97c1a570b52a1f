"""Log level filter driven by a module-level setting: the caller selects the quiet records,
then raises the threshold through a setter before it counts them. Eagerly the records were
filtered with the old threshold; lazily they would be filtered with the new one.

Usage: python3 global_setting.py [N]
"""
import sys

MIN_LEVEL = 30


def set_min_level(level):
    global MIN_LEVEL
    MIN_LEVEL = level


def log_records(n):
    for i in range(n):
        yield {"level": (i * 7 % 5 + 1) * 10, "msg": f"event {i}"}


def at_or_above(records):
    return [r for r in records if r["level"] >= MIN_LEVEL]


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    warnings = at_or_above(log_records(n))
    set_min_level(50)
    shown = 0
    chars = 0
    for record in warnings:
        shown += 1
        chars += len(record["msg"])
    print(f"shown={shown} chars={chars} min_level={MIN_LEVEL}")


if __name__ == "__main__":
    main(sys.argv)
