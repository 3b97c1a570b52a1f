"""Dependency graph for a build tool: nodes own their edges, edges point at nodes."""
from collections import defaultdict


class Edge:
    def __init__(self, source: "Target", dest: "Target", kind: str = "depends") -> None:
        self.source = source  # expect: PSL301 "self.outgoing.append(edge)"
        self.dest = dest
        self.kind = kind


class Target:
    def __init__(self, name: str) -> None:
        self.name = name
        self.outgoing: list[Edge] = []

    def depends_on(self, other: "Target") -> Edge:
        edge = Edge(self, other)
        self.outgoing.append(edge)
        return edge


class BuildGraph:
    def __init__(self) -> None:
        self.targets: dict[str, Target] = {}
        self.reverse = defaultdict(set)

    def add(self, name: str) -> Target:
        target = self.targets.get(name)
        if target is None:
            target = self.targets[name] = Target(name)
        return target

    def link(self, a: str, b: str) -> None:
        # Names in a reverse index, not objects: no cycle.
        self.add(a).depends_on(self.add(b))
        self.reverse[b].add(a)

    def topological(self) -> list[str]:
        seen: set[str] = set()
        order: list[str] = []
        for name in sorted(self.targets):
            self._visit(self.targets[name], seen, order)
        return order

    def _visit(self, target: Target, seen: set, order: list) -> None:
        if target.name in seen:
            return
        seen.add(target.name)
        for edge in target.outgoing:
            self._visit(edge.dest, seen, order)
        order.append(target.name)
