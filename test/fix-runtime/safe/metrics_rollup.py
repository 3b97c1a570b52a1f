"""Metrics rollup job: scrape counter samples, relabel them, turn counters into rates and roll
the rates up per service and minute.

Usage: python3 metrics_rollup.py [N]
"""
import sys

SERVICES = ["api", "auth", "billing", "search", "media", "notify"]
SERIES_PER_SERVICE = 8


def scrape(n):
    samples = []
    for i in range(n):
        service = SERVICES[i % len(SERVICES)]
        replica = (i // len(SERVICES)) % SERIES_PER_SERVICE
        step = i // (len(SERVICES) * SERIES_PER_SERVICE)
        samples.append({
            "name": "http_requests_total",
            "labels": {
                "service": service,
                "pod": f"{service}-deployment-7f9c{replica:02d}-{(replica * 7919) % 100000:05d}",
                "namespace": "production",
                "cluster": "eu-central-1a",
                "instance": f"10.0.{replica}.{i % 250}:9090",
            },
            "ts": 1_700_000_000 + step * 15,
            "value": float(step * (10 + replica) + (i % 7)),
        })
    return samples


def relabel(samples):
    out = []
    for s in samples:
        labels = s["labels"]
        out.append({
            "series": f"{labels['service']}/{labels['pod'].rsplit('-', 1)[0]}",
            "service": labels["service"],
            "ts": s["ts"],
            "value": s["value"],
            "origin": labels["cluster"] + ":" + labels["instance"],
        })
    return out


def to_rates(samples):
    rates = []
    last = {}
    for s in samples:
        prev = last.get(s["series"])
        last[s["series"]] = (s["ts"], s["value"])
        if prev is None or s["ts"] == prev[0]:
            continue
        delta = s["value"] - prev[1]
        rates.append({
            "service": s["service"],
            "minute": s["ts"] // 60,
            "rate": (delta if delta >= 0 else s["value"]) / (s["ts"] - prev[0]),
            "series": s["series"],
        })
    return rates


def rollup(rates):
    buckets = {}
    for r in rates:
        key = (r["service"], r["minute"])
        total, count = buckets.get(key, (0.0, 0))
        buckets[key] = (total + r["rate"], count + 1)
    return buckets


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    buckets = rollup(to_rates(relabel(scrape(n))))
    print(f"buckets={len(buckets)}")
    per_service = {}
    for (service, _minute), (total, count) in sorted(buckets.items()):
        acc = per_service.setdefault(service, [0.0, 0])
        acc[0] += total
        acc[1] += count
    for service in sorted(per_service):
        total, count = per_service[service]
        print(f"  {service:8s} points={count} mean_rate={total / count:.4f}")


if __name__ == "__main__":
    main(sys.argv)
