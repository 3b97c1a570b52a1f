"""Event emitters whose listener lists come from a helper that looks them up on the instance."""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

Listener = Callable[..., None]


class Emitter:
    def __init__(self) -> None:
        self._by_topic: dict[str, list[Listener]] = {}
        self._once: defaultdict[str, list[Listener]] = defaultdict(list)

    def _listeners(self, topic: str) -> list[Listener]:
        return self._by_topic.setdefault(topic, [])

    def _once_list(self, topic: str) -> list[Listener]:
        return self._once[topic]

    def on(self, topic: str, listener: Listener) -> None:
        self._listeners(topic).append(listener)

    def once(self, topic: str, listener: Listener) -> None:
        pending = self._once_list(topic)
        pending.append(listener)

    def snapshot(self, topic: str) -> list[Listener]:
        # A copy: filling it does not touch the emitter.
        return list(self._listeners(topic))

    def emit(self, topic: str, *args) -> None:
        for listener in list(self._listeners(topic)):
            listener(*args)
        for listener in self._once.pop(topic, []):
            listener(*args)


class Player(Emitter):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.health = 100
        self.on("hit", self._take_damage)  # expect: PSL302
        self.once("spawn", lambda: self._announce("spawned"))  # expect: PSL302

    def _take_damage(self, amount: int) -> None:
        self.health -= amount

    def _announce(self, what: str) -> None:
        print(self.name, what)


class HealthBar:
    def __init__(self, player: Player) -> None:
        self.player = player
        self.width = 100
        player.on("hit", self.redraw)  # expect: PSL302

    def redraw(self, amount: int) -> None:
        self.width = self.player.health


class Replay:
    """Only reads the listeners: nothing is added to the emitter."""

    def __init__(self, emitter: Emitter) -> None:
        self.emitter = emitter

    def run(self, amount: int) -> None:
        listeners = self.emitter.snapshot("hit")
        listeners.append(self.replay)
        for listener in listeners:
            listener(amount)

    def replay(self, amount: int) -> None:
        print("replayed", amount)
