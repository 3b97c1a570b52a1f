"""Regression (issue 6): `isinstance` branches that cannot both run are not one merged cycle."""


class Placeholder:
    """Stands in for a logger that has not been created yet."""

    def __init__(self, first: "Logger") -> None:
        self.waiting = [first]

    def append(self, logger: "Logger") -> None:
        self.waiting.append(logger)


class Logger:
    def __init__(self, name: str) -> None:
        self.name = name
        self.parent: "Logger | None" = None
        self.children: list["Logger"] = []


class Manager:
    def __init__(self, root: Logger) -> None:
        self.root = root
        self.loggers: dict[str, "Logger | Placeholder"] = {}

    def attach(self, logger: Logger) -> None:
        # The parent is an existing Logger; a Placeholder only remembers the child. The two
        # branches never see the same object, so the child does not hold what holds it.
        parent = None
        prefix = logger.name.rpartition(".")[0]
        entry = self.loggers.get(prefix)
        if isinstance(entry, Logger):
            parent = entry
        elif isinstance(entry, Placeholder):
            entry.append(logger)
        logger.parent = parent or self.root

    def adopt(self, logger: Logger, candidate: object) -> None:
        # One branch, one object: this one is a real cycle.
        if isinstance(candidate, Logger) and candidate is not logger:
            candidate.children.append(logger)
            logger.parent = candidate  # expect: PSL301 "candidate.children.append(logger)"


class Panel:
    def __init__(self, container: object) -> None:
        self.children: list[object] = []
        if isinstance(container, Panel):
            container.children.append(self)
        self.container = container  # expect: PSL301 "container.children.append(self)"
