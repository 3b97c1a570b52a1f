"""Audit a lock file: outdated packages, leaves, deepest dependency closures.
`parse_lock`'s result is handed to the `DepGraph` constructor, whose `__init__` reads it once;
`outdated` and `leaves` stay lists (`len`, slicing), `transitive` reads its accumulator.

Usage: python3 main.py [N]
"""
import sys

from graph import DepGraph
from manifest import outdated, parse_lock, render_lock


def closure_sizes(graph, roots):
    sizes = []
    for root in roots:
        sizes.append((sum(1 for _ in graph.transitive(root)), root))
    return sizes


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    graph = DepGraph(parse_lock(render_lock(n)))
    old = outdated(parse_lock(render_lock(n)), (2, 0, 0))
    print(f"outdated: {len(old)}; first {old[:3]}")
    print("any pkg7 outdated:", any(name == "pkg7" for name in outdated(parse_lock(render_lock(n)), (3, 0, 0))))
    leaves = graph.leaves()
    print(f"leaves: {len(leaves)}")
    roots = [f"pkg{i}" for i in range(0, min(n, 40), 3)]
    biggest = sorted(closure_sizes(graph, roots), reverse=True)[:3]
    print("biggest closures:", biggest)
    fan = graph.fan_in()
    print("most depended on:", sorted(fan.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
    print("pkg1 closure head:", sorted(graph.transitive("pkg1"))[:5])


if __name__ == "__main__":
    main(sys.argv)
