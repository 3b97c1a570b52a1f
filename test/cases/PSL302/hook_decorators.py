"""Plugins that register handlers through decorator factories applied by hand."""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import Callable

log = logging.getLogger(__name__)


class HookRegistry:
    def __init__(self) -> None:
        self._hooks: dict[str, list[Callable[..., None]]] = defaultdict(list)

    def register(self, name: str):
        def decorator(fn: Callable[..., None]) -> Callable[..., None]:
            self._hooks[name].append(fn)
            return fn
        return decorator

    def fire(self, name: str, *args) -> None:
        for fn in self._hooks[name]:
            fn(*args)


class Host:
    def __init__(self) -> None:
        self.hooks = HookRegistry()
        self.plugins: list[object] = []


class StatsPlugin:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.counts: dict[str, int] = defaultdict(int)
        host.hooks.register("request")(self.on_request)  # expect: PSL302
        self.host.hooks.register("shutdown")(lambda: self.flush())  # expect: PSL302

    def on_request(self, path: str) -> None:
        self.counts[path] += 1

    def flush(self) -> None:
        log.info("requests: %s", dict(self.counts))


def log_request(path: str) -> None:
    log.debug("request %s", path)


GLOBAL_HOOKS = HookRegistry()


class AuditPlugin:
    """Registers a module function, and its own method only with a module-level registry."""

    def __init__(self, host: Host) -> None:
        self.host = host
        host.hooks.register("request")(log_request)
        GLOBAL_HOOKS.register("audit")(self.on_audit)

    def on_audit(self, event: str) -> None:
        log.info("audit %s", event)


def install(host: Host) -> StatsPlugin:
    plugin = StatsPlugin(host)
    host.plugins.append(plugin)
    return plugin
