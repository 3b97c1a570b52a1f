"""A health monitor: per-check and per-state tallies keyed by registered checks and enum members."""
from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from typing import Callable


class State(enum.Enum):
    OK = "ok"
    DEGRADED = "degraded"
    DOWN = "down"


@dataclass(frozen=True)
class Check:
    name: str
    probe: Callable[[], State]


CHECKS: list[Check] = []
_latest: dict[str, State] = {}
_totals: dict[State, int] = {}
_by_host: dict[str, State] = {}  # expect: PSL204 "`_by_host`"


def check(name: str) -> Callable[[Callable[[], State]], Callable[[], State]]:
    def add(probe: Callable[[], State]) -> Callable[[], State]:
        CHECKS.append(Check(name, probe))
        return probe
    return add


@check("database")
def _database() -> State:
    return State.OK


@check("queue")
def _queue() -> State:
    return State.DEGRADED


def poll_forever(interval: float = 30.0) -> None:
    while True:
        for c in CHECKS:
            # One entry per registered check, however long this runs.
            _latest[c.name] = c.probe()
        for state in State:
            _totals[state] = sum(1 for s in _latest.values() if s is state)
        time.sleep(interval)


def report_host(host: str, state: State) -> None:
    # Hosts come and go: every host that ever reported keeps its entry.
    _by_host[host] = state
