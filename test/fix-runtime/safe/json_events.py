"""Product-analytics ingestion: pages of JSON events come from a paginated API, get decoded,
flattened into single events, normalized and counted into a daily funnel.

Usage: python3 json_events.py [N]   (N = number of events, served 8 per page)
"""
import json
import sys

EVENT_TYPES = ["page_view", "add_to_cart", "checkout_start", "purchase", "search", "logout"]
PER_PAGE = 8


def fetch_pages(n):
    return [
        json.dumps({
            "page": p,
            "next": p + 1 if p + 1 < n else None,
            "events": [
                {
                    "id": f"evt-{p:06d}-{k}",
                    "type": EVENT_TYPES[(p * 3 + k) % len(EVENT_TYPES)],
                    "user": {"id": (p * PER_PAGE + k) % 3001, "plan": "pro" if k % 3 == 0 else "free"},
                    "props": {"path": f"/shop/category/{k}/item/{p % 997}", "referrer": "https://ads.example.com/c?id=" + str(p)},
                    "ts": 1700000000 + p * 60 + k,
                }
                for k in range(PER_PAGE)
            ],
        })
        for p in range(n)
    ]


def decode_pages(pages):
    return list(map(json.loads, pages))


def _explode(page):
    return [dict(event, page=page["page"]) for event in page["events"]]


def flatten(pages):
    events = []
    for page in pages:
        events.extend(_explode(page))
    return events


def normalize(events):
    out = []
    for ev in events:
        out.append({
            "event_id": ev["id"],
            "kind": ev["type"],
            "user_id": ev["user"]["id"],
            "paying": ev["user"]["plan"] == "pro",
            "path": ev["props"]["path"].lower(),
            "campaign": ev["props"]["referrer"].rsplit("=", 1)[-1],
            "day": (ev["ts"] - 1700000000) // 86400,
            "source_page": ev["page"],
        })
    return out


def funnel(events):
    steps = {t: 0 for t in EVENT_TYPES}
    paying = 0
    days = set()
    last_id = None
    for ev in events:
        steps[ev["kind"]] += 1
        paying += ev["paying"]
        days.add(ev["day"])
        last_id = ev["event_id"]
    return steps, paying, len(days), last_id


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    pages = max(1, n // PER_PAGE)
    steps, paying, days, last_id = funnel(normalize(flatten(decode_pages(fetch_pages(pages)))))
    print(f"events={sum(steps.values())} paying={paying} days={days} last={last_id}")
    for kind in EVENT_TYPES:
        print(f"  {kind:15s} {steps[kind]}")


if __name__ == "__main__":
    main(sys.argv)
