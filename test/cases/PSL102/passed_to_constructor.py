"""Dependency audit: lock entries feed a graph object built from them in its constructor."""


class DepGraph:
    def __init__(self, entries):
        self.deps = {}
        for name, deps in entries:
            self.deps[name] = deps

    def leaves(self):
        return sorted(name for name, deps in self.deps.items() if not deps)


class LockSnapshot:
    def __init__(self, entries):
        self.entries = entries

    def names(self):
        return [name for name, _deps in self.entries]


def parse_lock(lines):  # expect: PSL102
    entries = []
    for line in lines:
        name, _, deps = line.partition(":")
        entries.append((name.strip(), tuple(d.strip() for d in deps.split(",") if d.strip())))
    return entries


def pinned(lines):
    return [line for line in lines if "==" in line]


def audit(lines):
    graph = DepGraph(parse_lock(lines))
    snapshot = LockSnapshot(pinned(lines))
    return graph.leaves(), snapshot.names()
