"""Entity-component game objects: an entity keeps its components, each component its entity."""
from __future__ import annotations


class Entity:
    def __init__(self, name: str) -> None:
        self.name = name
        self.components: dict[type, Component] = {}

    def add(self, component: Component) -> Entity:
        self.components[type(component)] = component
        component.attach(self)
        return self


class Component:
    def attach(self, entity: Entity) -> None:
        self.entity = entity


class Sprite(Component):
    def __init__(self, path: str) -> None:
        self.texture = open(path, "rb")

    def __del__(self) -> None:  # expect: PSL303 "self.entity = entity"
        self.texture.close()


class Sound:
    """Not a component: played by path, never attached to an entity."""

    def __init__(self, path: str) -> None:
        self.stream = open(path, "rb")

    def __del__(self) -> None:
        self.stream.close()


class Camera:
    """Follows an entity from outside: the entity does not keep it."""

    def __init__(self, target: Entity) -> None:
        self.target = target
        self.log = open("camera.log", "a")

    def __del__(self) -> None:
        self.log.close()
