"""Game entities and physics springs that register with an object they were handed.

`self.world.entities.append(self)` puts the entity into another object's container (the world's),
not into one of its own: that is a parent ↔ child cycle, not a self-reference, and the entity
keeping the world it was handed (`self.world = world`) is the back-reference.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class World:
    def __init__(self) -> None:
        self.entities: list[Entity] = []

    def step(self, dt: float) -> None:
        for entity in self.entities:
            entity.update(dt)


class Entity:
    def __init__(self, world: World, name: str) -> None:
        self.world = world  # expect: PSL301 "self.world.entities.append(self)"
        self.name = name
        self.x = 0.0

    def spawn(self) -> None:
        self.world.entities.append(self)

    def update(self, dt: float) -> None:
        self.x += dt


@dataclass
class Body:
    mass: float
    springs: list[Spring] = field(default_factory=list)


@dataclass
class Spring:
    head: Body  # expect: PSL301
    tail: Body  # expect: PSL301
    stiffness: float = 1.0

    def __post_init__(self) -> None:
        self.head.springs.append(self)
        self.tail.springs.append(self)


@dataclass
class Probe:
    """Reads from the body it measures; the body never lists probes."""

    body: Body
    samples: list[float] = field(default_factory=list)

    def sample(self) -> None:
        self.samples.append(self.body.mass)


class Clock:
    def __init__(self) -> None:
        self.listeners: list[object] = []


class Blinker:
    """Builds its own clock and registers with it: the registration is the back-reference."""

    def __init__(self) -> None:
        self.clock = Clock()
        self.clock.listeners.append(self)  # expect: PSL301
