"""Interpreter environments and scene nodes that list themselves in containers they own."""
from __future__ import annotations

from typing import Any, Optional


class Environment:
    """Variable bindings of one interpreter frame; `this` resolves to the environment itself."""

    def __init__(self, outer: Optional[Environment] = None) -> None:
        self.outer = outer
        self.values: dict[str, Any] = {}
        self.values["this"] = self  # expect: PSL302 "stores `self` inside itself"

    def define(self, name: str, value: Any) -> None:
        self.values[name] = value

    def lookup(self, name: str) -> Any:
        env: Optional[Environment] = self
        while env is not None:
            if name in env.values:
                return env.values[name]
            env = env.outer
        raise NameError(name)


class SceneNode:
    def __init__(self, name: str) -> None:
        self.name = name
        self.path = []
        self.path.append(self)  # expect: PSL302
        self.layers = {"default": []}
        self.layers["default"].append(self)  # expect: PSL302
        self.tags: set[str] = set()
        self.lineage = [self]  # expect: PSL302 "stores `self` inside itself"
        self.by_name = {name: self}  # expect: PSL302

    def tag(self, label: str) -> None:
        self.tags.add(label)


class Inventory:
    """Holds item names and counts only: nothing refers back to the inventory."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.counts = {"total": 0}

    def add(self, item: str) -> None:
        self.items.append(item)
        self.counts["total"] += 1



class Breadcrumbs:
    """The trail is filled first and attached after: the attaching store closes the cycle."""

    def __init__(self, page: str) -> None:
        self.page = page

    def start_trail(self) -> None:
        trail = [self.page, self]
        self.trail = trail  # expect: PSL302 "stores `self` inside itself"
