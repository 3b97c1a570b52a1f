"""Dashboard data refreshed on a timer: per-feed and per-region snapshots, and per-user ones."""
from __future__ import annotations

import enum
import time
from typing import Callable

FEEDS = ("prices", "news", "weather")


class Region(enum.Enum):
    EU = "eu"
    US = "us"
    APAC = "apac"


_feeds: dict[str, tuple[float, bytes]] = {}
_regions: dict[Region, tuple[float, dict]] = {}
_users: dict[str, tuple[float, dict]] = {}  # expect: PSL203 "`_users`"


def refresh_feeds(fetch: Callable[[str], bytes], max_age: float = 60.0) -> None:
    now = time.monotonic()
    for feed in FEEDS:
        hit = _feeds.get(feed)
        if hit is not None and now - hit[0] < max_age:
            continue
        _feeds[feed] = (time.monotonic(), fetch(feed))


def region_summary(region: Region, load: Callable[[Region], dict], max_age: float = 300.0) -> dict:
    hit = _regions.get(region)
    if hit is not None and time.time() - hit[0] < max_age:
        return hit[1]
    summary = load(region)
    _regions[region] = (time.time(), summary)
    return summary


def user_summary(user_id: str, load: Callable[[str], dict], max_age: float = 300.0) -> dict:
    hit = _users.get(user_id)
    if hit is not None and time.time() - hit[0] < max_age:
        return hit[1]
    summary = load(user_id)
    _users[user_id] = (time.time(), summary)
    return summary
