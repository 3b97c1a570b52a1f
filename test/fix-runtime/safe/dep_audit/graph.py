"""The dependency graph built from lock entries."""


class DepGraph:
    def __init__(self, entries):
        self.deps = {}
        self.versions = {}
        for name, version, deps in entries:
            self.deps[name] = deps
            self.versions[name] = version

    def transitive(self, root, seen=None):
        if seen is None:
            seen = set()
        found = []
        for dep in self.deps.get(root, ()):
            if dep in seen:
                continue
            seen.add(dep)
            found.append(dep)
            found.extend(self.transitive(dep, seen))
        return found

    def leaves(self):
        return [name for name, deps in self.deps.items() if not deps]

    def fan_in(self):
        counts = {}
        for deps in self.deps.values():
            for d in deps:
                counts[d] = counts.get(d, 0) + 1
        return counts
