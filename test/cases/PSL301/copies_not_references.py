"""Regression: copying elements or values is not keeping a reference to the container."""
import copy


class Snapshot:
    def __init__(self, registry: "Registry") -> None:
        # A copy of the registry's entries, not the registry itself.
        self.entries = dict(registry.entries)
        self.names = list(registry.entries)
        self.count = len(registry.entries)


class Registry:
    def __init__(self) -> None:
        self.entries: dict[str, object] = {}
        self.history: list[Snapshot] = []

    def snapshot(self) -> Snapshot:
        snap = Snapshot(self)
        self.history.append(snap)
        return snap

    def merge(self, other: "Registry") -> None:
        self.entries.update(other.entries)
        self.history += other.history
        self.history[:] = sorted(self.history, key=id)

    def clone(self) -> "Registry":
        twin = Registry()
        twin.entries = copy.deepcopy(self.entries)
        return twin


class Worker:
    def __init__(self, supervisor: "Supervisor") -> None:
        self.supervisor_id = id(supervisor)

    def run(self) -> int:
        return self.supervisor_id


class Supervisor:
    def __init__(self) -> None:
        self.results: list[int] = []

    def run_once(self) -> None:
        # The worker is built with `self` but never kept by the supervisor.
        self.results.append(Worker(self).run())
