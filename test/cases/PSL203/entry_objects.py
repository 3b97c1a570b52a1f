"""Response caches whose entries know their own age."""
import time
from dataclasses import dataclass
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
