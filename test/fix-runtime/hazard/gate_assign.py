"""Flight booking: passengers are checked in, then the boarding groups are printed.
`check_in` validates the whole manifest after its loop and raises when the flight is
overbooked; the caller prints each boarding pass, and `main` reports the error per flight.
Eagerly an overbooked flight prints no pass, lazily it would print them before the error.

Usage: python3 gate_assign.py [N]
"""
import sys


class Overbooked(Exception):
    pass


def manifest(flight, n):
    return [{"pnr": f"{flight}-{i:05d}", "seat": i % 180, "group": 1 + i % 5} for i in range(n)]


def check_in(passengers, capacity):
    passes = []
    seated = 0
    for p in passengers:
        passes.append(f"{p['pnr']} seat {p['seat']} group {p['group']}")
        seated += 1
    if seated > capacity:
        raise Overbooked(f"{seated} > {capacity}")
    return passes


def board(flight, n, capacity):
    passengers = manifest(flight, n)
    if not passengers:
        return 0
    printed = 0
    for bp in check_in(passengers, capacity):
        if printed < 2:
            print("  pass", bp)
        printed += 1
    return printed


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for flight, size in (("LH100", n // 4), ("LH200", n), ("LH300", n // 2)):
        try:
            print(flight, "boarded", board(flight, size, capacity=n // 2 + 1))
        except Overbooked as exc:
            print(flight, "overbooked:", exc)


if __name__ == "__main__":
    main()
