"""A dependency graph for a plugin registry: pruning, scoring and command dispatch."""
from __future__ import annotations

import builtins as bi
import sys
from dataclasses import dataclass, field


@dataclass
class Edge:
    target: str
    weight: float


@dataclass
class PluginGraph:
    adj: dict[str, dict[str, Edge]] = field(default_factory=dict)
    total: float = 0.0

    def remove_node(self, n: str) -> None:
        # A self-loop means `adj[n]` itself changes inside the loop: the copy is needed.
        for u in list(self.adj[n]):
            del self.adj[u][n]
        del self.adj[n]

    def recompute(self) -> None:
        self.total = sum(e.weight for edges in self.adj.values() for e in edges.values())  # expect: PSL104

    def heaviest(self) -> str:
        return max(self.adj, key=lambda n: bi.max((e.weight for e in self.adj[n].values()), default=0))  # expect: PSL104 "`max([...])`"

    def dispatch(self, command: str) -> float:
        match command:
            case "sum":
                return sum(e.weight for e in self.adj.get("root", {}).values())  # expect: PSL104
            case "count":
                return float(len(self.adj))
            case _:
                return 0.0

    def is_heavy(self, limit: float) -> bool:
        if (weight := sum(e.weight for e in self.adj.get("root", {}).values())) > limit:  # expect: PSL104
            return True
        return weight > limit / 2


class Registry(dict):
    def shrink(self, keep: int) -> None:
        # Deleting through another attribute of the same object: the copy is needed.
        for name in list(self.keys()):
            if len(name) > keep:
                del self.store[name]

    store: dict = {}


def unload(module_names):
    # The names may be a view of sys.modules itself: deleting from a shared registry.
    for name in list(module_names):
        del sys.modules[name]
