"""A minimal event emitter (like pyee's)."""
from collections import defaultdict
from typing import Callable


class Emitter:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable]] = defaultdict(list)

    def on(self, event: str, handler: Callable) -> None:
        self._handlers[event].append(handler)

    def emit(self, event: str, *args) -> None:
        for handler in list(self._handlers[event]):
            handler(*args)

    def count(self, event: str, probe: Callable) -> int:
        # Only calls the probe: keeps nothing.
        return sum(1 for h in self._handlers[event] if probe(h))
