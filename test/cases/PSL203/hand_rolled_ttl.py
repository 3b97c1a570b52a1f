"""TTL caches written by hand in an API gateway: tokens, DNS, feature flags, rate limits."""
import asyncio
import dataclasses
import time
from datetime import datetime, timedelta

from gateway import auth, dns, flags, upstream


class TokenCache:
    def __init__(self, ttl: float = 300.0):
        self.ttl = ttl
        self._entries = {}  # expect: PSL203 "TTL cache `self._entries`"

    def get(self, client_id: str) -> str:
        hit = self._entries.get(client_id)
        if hit is not None and time.monotonic() - hit[1] < self.ttl:
            return hit[0]
        token = auth.issue(client_id)
        self._entries[client_id] = (token, time.monotonic())
        return token


class FlagCache:
    def __init__(self):
        self._flags = {}  # expect: PSL203

    def enabled(self, name: str) -> bool:
        now = time.time()
        entry = self._flags.get(name)
        if entry and entry["expires_at"] > now:
            return entry["value"]
        value = flags.fetch(name)
        self._flags[name] = {"value": value, "expires_at": now + 60}
        return value


class ReportCache:
    max_age = timedelta(minutes=10)

    def __init__(self):
        self._reports = {}  # expect: PSL203

    def report(self, day: str) -> bytes:
        cached = self._reports.get(day)
        if cached and datetime.now() - cached[0] < self.max_age:
            return cached[1]
        body = upstream.render(day)
        self._reports[day] = (datetime.now(), body)
        return body


@dataclasses.dataclass
class Entry:
    value: object
    expires: float


class UpstreamCache:
    def __init__(self, ttl: float):
        self.ttl = ttl
        self._store: dict[str, Entry] = {}  # expect: PSL203

    async def fetch(self, path: str):
        loop = asyncio.get_running_loop()
        entry = self._store.get(path)
        if entry is not None and entry.expires > loop.time():
            return entry.value
        value = await upstream.get(path)
        self._store[path] = Entry(value, loop.time() + self.ttl)
        return value


_dns = {}  # expect: PSL203 "module-level dict"


def resolve(host: str) -> list[str]:
    now = time.monotonic()
    if host in _dns:
        addresses, stamp = _dns[host]
        if now - stamp < 30:
            return addresses
    addresses = dns.lookup(host)
    _dns[host] = (addresses, now)
    return addresses


class QuotaTracker:
    window = 60

    def __init__(self):
        self._counts = {}
        self._window_start = {}  # expect: PSL203

    def hit(self, api_key: str) -> int:
        started = self._window_start.get(api_key)
        if started is None or time.time() - started > self.window:
            self._window_start[api_key] = time.time()
            self._counts[api_key] = 0
        self._counts[api_key] += 1
        return self._counts[api_key]


def ttl_memo(seconds: float):
    def decorator(fn):
        store = {}  # expect: PSL203 "closure dict"

        def wrapper(key):
            hit = store.get(key)
            if hit and time.monotonic() < hit[1]:
                return hit[0]
            value = fn(key)
            store[key] = (value, time.monotonic() + seconds)
            return value

        return wrapper

    return decorator


# ---- expired entries are removed, or the dict is bounded: silent ----

class SessionCache:
    def __init__(self, ttl: float = 900.0):
        self.ttl = ttl
        self._sessions = {}

    def get(self, sid: str):
        entry = self._sessions.get(sid)
        if entry is None:
            return None
        if time.monotonic() - entry[1] > self.ttl:
            del self._sessions[sid]
            return None
        return entry[0]

    def put(self, sid: str, data) -> None:
        self._sessions[sid] = (data, time.monotonic())


class NonceCache:
    def __init__(self):
        self._nonces = {}

    def seen(self, nonce: str) -> bool:
        stamp = self._nonces.get(nonce)
        if stamp is not None and time.time() - stamp < 120:
            return True
        self._nonces[nonce] = time.time()
        return False

    def sweep(self) -> None:
        cutoff = time.time() - 120
        self._nonces = {n: t for n, t in self._nonces.items() if t >= cutoff}


class PreviewCache:
    def __init__(self, max_entries: int = 1000):
        self.max_entries = max_entries
        self._previews = {}

    def preview(self, url: str) -> bytes:
        hit = self._previews.get(url)
        if hit and time.time() - hit[1] < 600:
            return hit[0]
        if len(self._previews) >= self.max_entries:
            self._previews.pop(next(iter(self._previews)))
        body = upstream.preview(url)
        self._previews[url] = (body, time.time())
        return body


class CertCache:
    def __init__(self):
        self._certs = {}

    def cert(self, host: str):
        hit = self._certs.get(host)
        if hit and hit[1] > time.time():
            return hit[0]
        cert = upstream.cert(host)
        self._certs[host] = (cert, time.time() + 3600)
        return cert

    def invalidate(self) -> None:
        self._certs.clear()


class LastSeen:
    """Timestamps, but no expiry check: not a TTL cache."""

    def __init__(self):
        self._last = {}

    def touch(self, user_id: int) -> None:
        self._last[user_id] = time.time()

    def when(self, user_id: int):
        return self._last.get(user_id)


class ScoreCache:
    """Expiry is checked, but nothing timestamped is stored: not a TTL cache."""

    def __init__(self):
        self._scores = {}

    def score(self, user_id: int) -> float:
        if user_id in self._scores and self._scores[user_id] > 0.5:
            return self._scores[user_id]
        self._scores[user_id] = upstream.score(user_id)
        return self._scores[user_id]


class ProfileCache:
    """Bounded LRU with expiry: the oldest entry is popped once it is full."""

    def __init__(self, size: int = 512):
        from collections import OrderedDict

        self.size = size
        self._profiles = OrderedDict()

    def get(self, user_id: int):
        hit = self._profiles.get(user_id)
        if hit and hit[1] > time.time():
            self._profiles.move_to_end(user_id)
            return hit[0]
        profile = upstream.profile(user_id)
        self._profiles[user_id] = (profile, time.time() + 120)
        if len(self._profiles) > self.size:
            self._profiles.popitem(last=False)
        return profile


class RouteTable:
    """Rebuilt wholesale on refresh: the old dict (and its stale keys) is dropped."""

    def __init__(self):
        self._routes = {}

    def route(self, path: str):
        hit = self._routes.get(path)
        if hit and time.monotonic() - hit[1] < 5:
            return hit[0]
        target = upstream.route(path)
        self._routes[path] = (target, time.monotonic())
        return target

    def refresh(self, table: dict) -> None:
        self._routes = {path: (target, time.monotonic()) for path, target in table.items()}
