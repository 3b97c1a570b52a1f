"""Page and forecast caches that keep values and fetch times in two dicts."""
import time
import urllib.request
from datetime import datetime, timedelta

FRESH_FOR = timedelta(minutes=30)

_forecast: dict[str, dict] = {}  # expect: PSL203 "`_forecast` (module-level dict, its timestamps in `_fetched_at`)"
_fetched_at: dict[str, datetime] = {}

_geo: dict[str, tuple[float, float]] = {}
_geo_time: dict[str, datetime] = {}


def forecast(city: str, fetch) -> dict:
    when = _fetched_at.get(city)
    if when is not None and datetime.now() - when < FRESH_FOR:
        return _forecast[city]
    data = fetch(city)
    _forecast[city] = data
    _fetched_at[city] = datetime.now()
    return data


def geocode(city: str, fetch) -> tuple[float, float]:
    if city in _geo and datetime.now() - _geo_time[city] < timedelta(days=1):
        return _geo[city]
    _geo[city] = fetch(city)
    _geo_time[city] = datetime.now()
    return _geo[city]


def sweep_geo() -> None:
    cutoff = datetime.now() - timedelta(days=1)
    for city, when in list(_geo_time.items()):
        if when < cutoff:
            del _geo_time[city]
            _geo.pop(city, None)


class PageCache:
    def __init__(self, ttl: float = 600.0) -> None:
        self.ttl = ttl
        self._bodies: dict[str, bytes] = {}  # expect: PSL203 "`self._bodies`"
        self._stamps: dict[str, float] = {}

    def get(self, url: str) -> bytes | None:
        stamp = self._stamps.get(url)
        if stamp is None or time.monotonic() - stamp > self.ttl:
            return None
        return self._bodies[url]

    def put(self, url: str, body: bytes) -> None:
        self._bodies[url] = body
        self._stamps[url] = time.monotonic()


class TokenStore:
    """Expired tokens are dropped from both dicts when they are found."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}
        self._expires: dict[str, float] = {}

    def get(self, scope: str) -> str | None:
        if self._expires.get(scope, 0.0) > time.time():
            return self._tokens[scope]
        self._tokens.pop(scope, None)
        self._expires.pop(scope, None)
        return None

    def put(self, scope: str, token: str, ttl: float) -> None:
        self._tokens[scope] = token
        self._expires[scope] = time.time() + ttl


def fetch_page(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()
