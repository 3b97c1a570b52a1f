"""A job runner whose steps are built with the runner and registered in the same statement."""
from __future__ import annotations

import logging
from typing import Callable

log = logging.getLogger(__name__)


class Step:
    def __init__(self, runner: "Runner", name: str) -> None:
        self.runner = runner  # expect: PSL301 "self.register(Step(self"
        self.name = name

    def run(self) -> None:
        log.info("%s: running %s", self.runner.name, self.name)


class Report:
    """Built from the runner's name only: no reference back."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.lines: list[str] = []


class Runner:
    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[Step] = []
        self.reports: list[Report] = []
        self.register(Step(self, "fetch"))
        self.register(Step(self, "transform"))
        self.add_report(Report(self.name))

    def register(self, step: Step) -> Step:
        self.steps.append(step)
        return step

    def add_report(self, report: Report) -> None:
        self.reports.append(report)

    def run(self, on_done: Callable[[str], None] = print) -> None:
        for step in self.steps:
            step.run()
        on_done(self.name)
