"""Particle system: systems loop over a query of the world, and some remove what they visit."""
from dataclasses import dataclass


@dataclass
class Lifetime:
    frames: int


class World:
    def __init__(self):
        self.entities = {}
        self.removed = 0

    def spawn(self, eid, *components):
        self.entities[eid] = {type(c): c for c in components}

    def query(self, kind):  # expect: PSL102
        found = []
        for eid, components in self.entities.items():
            if kind in components:
                found.append((eid, components[kind]))
        return found

    def tags(self):  # expect: PSL102
        return (f"{eid}:{len(components)}" for eid, components in self.entities.items())

    def name_of(self, eid):
        return f"entity-{eid}"

    def despawn(self, eid):
        # A lazy `query` would still be iterating `self.entities` when this runs.
        del self.entities[eid]
        self.removed += 1


def age(world: World):
    for eid, life in world.query(Lifetime):
        life.frames -= 1
        if life.frames <= 0:
            world.despawn(eid)


def describe(world: World):
    for tag in world.tags():
        print(world.name_of(tag), tag)
