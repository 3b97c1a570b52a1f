"""Response caches whose entries know their own age."""
import time
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class Entry:
    value: Any
    expires_at: float

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.expires_at

    def is_fresh(self, now: Optional[float] = None) -> bool:
        return (now or time.monotonic()) < self.expires_at


class ResponseCache:
    def __init__(self, ttl: float = 60.0):
        self.ttl = ttl
        self._responses: dict[str, Entry] = {}  # expect: PSL203 "`self._responses`"

    def get(self, url: str) -> Optional[bytes]:
        entry = self._responses.get(url)
        if entry is None or entry.expired:
            return None
        return entry.value

    def put(self, url: str, body: bytes) -> None:
        self._responses[url] = Entry(body, time.monotonic() + self.ttl)


class ProfileCache:
    def __init__(self, ttl: float = 300.0):
        self.ttl = ttl
        self._profiles: dict[int, Entry] = {}

    def get(self, user_id: int, load):
        entry = self._profiles.get(user_id)
        if entry is not None:
            if entry.is_fresh():
                return entry.value
            del self._profiles[user_id]
        profile = load(user_id)
        self._profiles[user_id] = Entry(profile, time.monotonic() + self.ttl)
        return profile


@dataclass
class Stamped:
    value: Any
    created: float = field(default_factory=time.monotonic)

    def age(self) -> float:
        return time.monotonic() - self.created


class RecommendationCache:
    def __init__(self, max_age: float = 900.0):
        self.max_age = max_age
        self._by_user: dict[int, Stamped] = {}  # expect: PSL203

    def get(self, user_id: int, compute):
        item = self._by_user.get(user_id)
        if item is not None and item.age() < self.max_age:
            return item.value
        item = self._by_user[user_id] = Stamped(compute(user_id))
        return item.value


class SearchCache:
    def __init__(self, max_age: float = 60.0):
        self.max_age = max_age
        self._queries: dict[str, Stamped] = {}

    def get(self, query: str, run):
        item = self._queries.get(query)
        if item is not None and item.age() < self.max_age:
            return item.value
        self._queries[query] = Stamped(run(query))
        return self._queries[query].value

    def sweep(self) -> None:
        for query in [q for q, item in self._queries.items() if item.age() >= self.max_age]:
            del self._queries[query]
