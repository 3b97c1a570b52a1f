"""Plugin registry and event bus of a small web framework."""
import logging
import weakref
from typing import Callable

log = logging.getLogger(__name__)


class PluginManager:
    def __init__(self) -> None:
        self._plugins: dict[str, "Plugin"] = {}

    def register(self, name: str, plugin: "Plugin") -> None:
        plugin.manager = self  # expect: PSL301 "self._plugins[name] = plugin"
        self._plugins[name] = plugin
        log.info("registered plugin %s", name)

    def build(self, name: str) -> "Plugin":
        # Handed out, not kept: no cycle.
        return Plugin(name, self)


class Plugin:
    def __init__(self, name: str, manager: PluginManager) -> None:
        self.name = name
        self.manager_name = type(manager).__name__


class EventBus:
    def __init__(self) -> None:
        self.subscribers: list["Subscriber"] = []

    def publish(self, event: dict) -> None:
        for sub in list(self.subscribers):
            sub.notify(event)


class Subscriber:
    def __init__(self, bus: EventBus, topic: str) -> None:
        self.topic = topic
        self.bus = bus  # expect: PSL301
        bus.subscribers.append(self)

    def notify(self, event: dict) -> None:
        log.debug("%s got %r", self.topic, event)


class WeakBus:
    def __init__(self) -> None:
        self._listeners = weakref.WeakSet()

    def listen(self, listener: "Listener") -> None:
        listener.bus = self
        self._listeners.add(listener)


class Listener:
    bus = None


class HookTable:
    def __init__(self) -> None:
        self._hooks: dict[str, list[Callable]] = {}

    def add(self, name: str, hook: Callable) -> None:
        self._hooks.setdefault(name, []).append(hook)


def register_all(manager: PluginManager, names: list[str]) -> None:
    for name in names:
        manager.register(name, Plugin(name, manager))
