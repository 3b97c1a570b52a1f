"""Access-log analyzer: writes a synthetic nginx-style log to a temp dir, then parses it,
classifies every request and prints traffic statistics.

Usage: python3 log_analyzer.py [N]
"""
import os
import re
import sys
import tempfile
from collections import Counter

LOG_RE = re.compile(
    r'(?P<ip>\S+) - (?P<user>\S+) \[(?P<ts>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+) HTTP/1\.1" '
    r'(?P<status>\d{3}) (?P<size>\d+) (?P<ms>\d+) "(?P<agent>[^"]*)"'
)
PATHS = ["/", "/login", "/api/v1/items", "/api/v1/items/{id}", "/static/app.js", "/search", "/cart", "/checkout"]
AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/8.4.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
]


def render_log_lines(n):
    lines = []
    for i in range(n):
        path = PATHS[(i * 7) % len(PATHS)].replace("{id}", str(i % 5000))
        status = 200 if i % 11 else (404 if i % 3 else 500)
        if i % 101 == 0:
            lines.append(f"garbage line {i} that does not match\n")
            continue
        lines.append(
            f'10.{i % 256}.{(i // 256) % 256}.{i % 7} - user{i % 50} [12/Mar/2024:10:{(i // 60) % 60:02d}:{i % 60:02d} +0000] '
            f'"{"POST" if i % 9 == 0 else "GET"} {path}?session={i * 31337 % 99991:05d}&page={i % 40} HTTP/1.1" '
            f'{status} {(i * 131) % 20000} {(i * 17) % 900} "{AGENTS[i % len(AGENTS)]}"\n'
        )
    return lines


def parse_log(fh):
    entries = []
    for line in fh:
        if (m := LOG_RE.match(line)) is None:
            continue
        entry = m.groupdict()
        entry["status"] = int(entry["status"])
        entry["size"] = int(entry["size"])
        entry["ms"] = int(entry["ms"])
        entry["raw"] = line.rstrip("\n")
        entries.append(entry)
    return entries


def classify(entries):
    requests = []
    for e in entries:
        route = e["path"].split("?", 1)[0]
        if route.startswith("/api/v1/items/"):
            route = "/api/v1/items/:id"
        requests.append({
            "route": route,
            "method": e["method"],
            "status_class": f"{e['status'] // 100}xx",
            "bot": "bot" in e["agent"].lower() or e["agent"].startswith("curl"),
            "bytes": e["size"],
            "ms": e["ms"],
            "key": f"{e['method']} {route} {e['ip']} {e['user']}",
        })
    return requests


def aggregate(requests):
    routes = Counter()
    classes = Counter()
    total_bytes = 0
    bots = 0
    slowest = None
    for r in requests:
        routes[r["route"]] += 1
        classes[r["status_class"]] += 1
        total_bytes += r["bytes"]
        bots += r["bot"]
        if slowest is None or r["ms"] > slowest["ms"]:
            slowest = r
    return {"routes": routes, "classes": classes, "bytes": total_bytes, "bots": bots, "slowest": slowest}


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "access.log")
        with open(path, "w", encoding="utf-8") as out:
            for line in render_log_lines(n):
                out.write(line)
        with open(path, encoding="utf-8") as fh:
            entries = parse_log(fh)
            requests = classify(entries)
            stats = aggregate(requests)
    print(f"requests={sum(stats['routes'].values())} bytes={stats['bytes']} bots={stats['bots']}")
    for route, count in stats["routes"].most_common(5):
        print(f"  {route:22s} {count}")
    print("  status", dict(sorted(stats["classes"].items())))
    if stats["slowest"] is not None:
        print("  slowest", stats["slowest"]["key"], stats["slowest"]["ms"])


if __name__ == "__main__":
    main(sys.argv)
