"""Delivery helpers shared by the alert hub."""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

Listener = Callable[[str, dict], None]


def fan_out(targets: Iterable[Listener], event: str, data: dict) -> int:
    """Call every listener; only reads the sequence it is given."""
    if not targets:
        return 0
    delivered = 0
    for fn in targets:
        fn(event, data)
        delivered += 1
    return delivered


def describe(targets: Sequence[Listener]) -> str:
    names = sorted(getattr(fn, "__name__", repr(fn)) for fn in targets)
    return f"{len(targets)} listeners: {', '.join(names)}"


def drop_closed(sinks: list) -> None:
    """Removes sinks whose stream has been closed."""
    sinks[:] = [s for s in sinks if not getattr(s, "closed", False)]
