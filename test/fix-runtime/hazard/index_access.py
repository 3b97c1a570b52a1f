"""Incident timeline: build the ordered list of alert events, then report the first and last
event and the three earliest -- indexing and slicing need a real list.

Usage: python3 index_access.py [N]
"""
import sys


def alert_stream(n):
    for i in range(n):
        yield {"at": 1_712_000_000 + i * 9, "host": f"db-{i % 7}", "check": ("cpu", "disk", "replication")[i % 3],
               "state": "CRITICAL" if i % 5 == 0 else "WARNING"}


def build_timeline(alerts):
    timeline = []
    for a in alerts:
        if a["state"] == "CRITICAL":
            timeline.append(f"{a['at']} {a['host']} {a['check']} {a['state']}")
    return timeline


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    timeline = build_timeline(alert_stream(n))
    print("first:", timeline[0])
    print("last: ", timeline[-1])
    for entry in timeline[:3]:
        print("  ", entry)


if __name__ == "__main__":
    main(sys.argv)
