"""An alert hub: listeners register at run time, and events fan out to them."""
from __future__ import annotations

import logging

from .dispatch import Listener, describe, drop_closed, fan_out

log = logging.getLogger(__name__)

_listeners: list[Listener] = []  # expect: PSL204 "Module-level list `_listeners` grows at run time"
_sinks: list = []


def on(fn: Listener) -> Listener:
    _listeners.append(fn)
    return fn


def register_sink(stream) -> None:
    _sinks.append(stream)


def emit(event: str, data: dict) -> None:
    # Handing the list to helpers that only loop over it does not take it out of sight.
    count = fan_out(_listeners, event, data)
    log.debug("%s delivered to %d (%s)", event, count, describe(targets=_listeners))
    for sink in _sinks:
        sink.write(f"{event}: {data}\n")


def prune_dead() -> None:
    # `drop_closed` rewrites the list in place: a removal path.
    drop_closed(_sinks)


class Watcher:
    def __init__(self, name: str) -> None:
        self.name = name
        on(self.notify)

    def notify(self, event: str, data: dict) -> None:
        log.info("%s saw %s", self.name, event)
