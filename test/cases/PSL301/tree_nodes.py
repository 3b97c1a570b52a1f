"""Category tree for a product catalogue (ünïcode names are common here: «Küche», «Bücher»)."""
from __future__ import annotations

import weakref
from typing import Iterator, Optional


class Category:
    def __init__(self, name: str, parent: Optional[Category] = None) -> None:
        self.name = name
        self.children: list[Category] = []
        self.parent = parent  # expect: PSL301 "parent.children.append(self)"
        if parent is not None:
            parent.children.append(self)

    def add(self, child: Category) -> Category:
        child.parent = self  # expect: PSL301 "self.children.append(child)"
        self.children.append(child)
        return child

    def adopt_all(self, orphans: list[Category]) -> None:
        self.children.extend(orphans)
        for orphan in orphans:
            # expect: PSL301
            orphan.parent = self

    def walk(self) -> Iterator[Category]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(node.children)

    def detach(self) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)
        self.parent = None


class MenuItem:
    """GUI menu entries keep a *weak* link to their menu: no cycle."""

    def __init__(self, label: str, menu: "Menu") -> None:
        self.label = label
        self._menu = weakref.ref(menu)
        menu.items.append(self)

    @property
    def menu(self) -> Optional["Menu"]:
        return self._menu()


class Menu:
    def __init__(self, title: str) -> None:
        self.title = title
        self.items: list[MenuItem] = []

    def add_separator(self) -> None:
        sep = MenuItem("—", self)
        sep.enabled = False


class Breadcrumb:
    """Stores the parent's name only — one-directional."""

    def __init__(self, category: Category) -> None:
        self.trail = []
        node = category
        while node is not None:
            self.trail.append(node.name)
            node = node.parent


class ProxyNode:
    def __init__(self, owner: "ProxyTree") -> None:
        self.owner = weakref.proxy(owner)
        owner.nodes.append(self)


class ProxyTree:
    def __init__(self) -> None:
        self.nodes: list[ProxyNode] = []

    def grow(self) -> ProxyNode:
        return ProxyNode(self)
