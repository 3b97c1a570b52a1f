"""Read an iCalendar feed, unfold its lines, parse VEVENTs, keep the ones in office hours
and print a per-weekday digest.

Usage: python3 ical_digest.py [N]
"""
import datetime as dt
import sys
from typing import Dict, Iterable, List

Event = Dict[str, str]


def render_feed(n: int) -> str:
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//example//digest//EN"]
    start = dt.datetime(2024, 1, 1, 6, 0)
    for i in range(n):
        begin = start + dt.timedelta(minutes=37 * i)
        parts.append("BEGIN:VEVENT")
        parts.append(f"UID:evt-{i}@example.org")
        parts.append(f"DTSTART:{begin:%Y%m%dT%H%M%S}")
        parts.append(f"SUMMARY:Meeting {i} about the quarterly planning of team {i % 17}")
        parts.append(" and a folded continuation line")
        parts.append(f"LOCATION:Room {i % 40}")
        parts.append("END:VEVENT")
    parts.append("END:VCALENDAR")
    return "\r\n".join(parts)


def unfold(text: str) -> List[str]:
    lines: List[str] = []
    for raw in text.split("\r\n"):
        if raw.startswith(" ") and lines:
            lines[-1] = lines[-1] + raw[1:]
        else:
            lines.append(raw)
    return lines


def parse_events(lines: Iterable[str]) -> List[Event]:
    events: List[Event] = []
    current: Event = {}
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
        elif ":" in line:
            key, _, value = line.partition(":")
            current[key] = value
    return events


def office_hours(events: Iterable[Event]) -> List[Event]:
    kept = []
    for ev in events:
        when = dt.datetime.strptime(ev["DTSTART"], "%Y%m%dT%H%M%S")
        if 9 <= when.hour < 17 and when.weekday() < 5:
            kept.append({"uid": ev["UID"], "day": when.strftime("%A"), "summary": ev["SUMMARY"]})
    return kept


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    feed = render_feed(n)
    per_day: Dict[str, int] = {}
    longest = 0
    for ev in office_hours(parse_events(unfold(feed))):
        per_day[ev["day"]] = per_day.get(ev["day"], 0) + 1
        longest = max(longest, len(ev["summary"]))
    for day in sorted(per_day):
        print(f"{day:<10}{per_day[day]}")
    print("longest summary:", longest)


if __name__ == "__main__":
    main()
