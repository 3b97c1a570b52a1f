"""Usage: python3 main.py [N]"""
import sys

from telemetry import alerts
from telemetry.frames import decode_frames, simulate_uplink


def hourly_alerts(labelled):
    per_hour = {}
    for r in labelled:
        if r["alert"]:
            per_hour[(r["kind"], r["hour"])] = per_hour.get((r["kind"], r["hour"]), 0) + 1
    return per_hour


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    per_hour = hourly_alerts(alerts.ingest(decode_frames(simulate_uplink(n))))
    total = sum(per_hour.values())
    print("alert buckets:", len(per_hour), "alerts:", total)
    for key in sorted(per_hour)[:5]:
        print(" ", key, per_hour[key])


if __name__ == "__main__":
    main()
