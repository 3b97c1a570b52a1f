"""A session cache with expiry: which `list(...)` copies are needed and which are not."""
import sys
import time
from typing import Callable


class SessionCache:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._sessions: dict[str, float] = {}
        self._listeners: list[Callable[[str], None]] = []

    def expire(self, now: float) -> None:
        # Deleting while iterating: the copy is needed.
        for key in list(self._sessions):
            if now - self._sessions[key] > self.ttl:
                del self._sessions[key]

    def expire_with_pop(self, now: float) -> None:
        for key, stamp in list(self._sessions.items()):
            if now - stamp > self.ttl:
                self._sessions.pop(key, None)

    def notify(self, key: str) -> None:
        # A listener may unsubscribe itself while being called: the copy is needed.
        for listener in list(self._listeners):
            listener(key)

    def close_all(self) -> None:
        # `self.drop` can change `self._sessions`: the copy is needed.
        for key in list(self._sessions.keys()):
            self.drop(key)

    def drop(self, key: str) -> None:
        self._sessions.pop(key, None)

    def oldest(self) -> list[str]:
        # Only reads: the copy is not needed (unsafe fix: other code could reach the dict).
        keys = []
        for key, stamp in self._sessions.items():  # expect: 27 PSL104 "list(self._sessions.items())"
            if stamp < time.time() - self.ttl:
                keys.append(key)
        return keys


def touch_all(sessions: dict[str, float]) -> int:
    count = 0
    for key in sessions:  # expect: PSL104
        count += len(key)
    return count


def rebuild_index(rows: list[dict]) -> dict[str, dict]:
    index: dict[str, dict] = {}
    for row in rows:
        index[row["id"]] = row
    # A fresh local only this loop touches, and only reads: safe to iterate directly.
    for key in index.keys():  # expect: PSL104
        print(key)
    names = [name.title() for name in index]  # expect: PSL104 "`list(index)`"
    return {name: index[name.lower()] for name in names}


def prune(index: dict[str, int], limit: int) -> None:
    # Assigning into the dict while iterating it: the copy is needed.
    for key in list(index):
        index[key] = min(index[key], limit)
    # Passing the dict to another function may change it: the copy is needed.
    for key in list(index):
        evict(index, key)


def evict(index: dict[str, int], key: str) -> None:
    index.pop(key, None)


def reset_module_caches() -> None:
    # Namespaces and process-wide registries change under imports and threads.
    for name, module in list(sys.modules.items()):
        if hasattr(module, "__warningregistry__"):
            module.__warningregistry__ = {}
    for name, value in list(globals().items()):
        if name.startswith("_cache_"):
            value.clear()


def stream_keys(store: dict[str, bytes]):
    # A generator body suspends at `yield`: the caller may change `store` meanwhile.
    for key in list(store):
        yield key
