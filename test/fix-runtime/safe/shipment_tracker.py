"""Shipment tracking digest: carrier scan events are loaded, normalized and given an ETA;
the digest reports late shipments per carrier and the single worst delay.

Usage: python3 shipment_tracker.py [N]
"""
import sys

CARRIERS = ["DHL", "UPS", "FedEx", "DPD", "GLS", "Hermes"]
HUBS = ["Leipzig", "Cologne", "Paris-CDG", "Memphis", "Louisville", "Liege", "Hamburg"]


def load_scans(n):
    scans = []
    for i in range(n):
        scans.append({
            "tracking": f"{CARRIERS[i % 6][:2].upper()}{i * 7919 % 10**9:09d}DE",
            "carrier": CARRIERS[i % 6],
            "hub": HUBS[(i * 5) % len(HUBS)],
            "scanned_at": 1_711_000_000 + i * 37,
            "promised_at": 1_711_000_000 + i * 37 + ((i * 13) % 48 - 8) * 3600,
            "status": ("IN_TRANSIT", "AT_HUB", "OUT_FOR_DELIVERY", "EXCEPTION")[i % 4],
            "message": f"Parcel processed at {HUBS[(i * 5) % 7]} sort center, lane {i % 44}, belt {i % 9}",
        })
    return scans


def normalize_scans(scans):
    return [
        {
            "tracking": s["tracking"],
            "carrier": s["carrier"].upper(),
            "hub": s["hub"].lower().replace("-", "_"),
            "at": s["scanned_at"],
            "promised": s["promised_at"],
            "exception": s["status"] == "EXCEPTION",
            "text": s["message"].lower(),
        }
        for s in scans
    ]


def _hub_hours(hub):
    return 6 if hub in ("memphis", "louisville") else 14


def _eta(scan):
    hours = _hub_hours(scan["hub"]) + (24 if scan["exception"] else 0)
    return scan["at"] + hours * 3600


def attach_eta(scans):
    out = []
    for scan in scans:
        eta = _eta(scan)
        out.append({**scan, "eta": eta, "delay_h": max(0, (eta - scan["promised"]) // 3600)})
    return out


def prepare(n):
    return attach_eta(normalize_scans(load_scans(n)))


def late_report(scans):
    late = {}
    for s in scans:
        if s["delay_h"] > 0:
            late[s["carrier"]] = late.get(s["carrier"], 0) + 1
    return late


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    late = late_report(prepare(n))
    worst = max(prepare(n), key=lambda s: (s["delay_h"], s["tracking"]))
    print(f"late={sum(late.values())}")
    for carrier in sorted(late):
        print(f"  {carrier:7s} {late[carrier]}")
    print(f"worst {worst['tracking']} via {worst['hub']} delay={worst['delay_h']}h")


if __name__ == "__main__":
    main(sys.argv)
