"""Runs pipeline steps; failures are recorded by the reporting module."""
from __future__ import annotations

import subprocess
import sys

from . import reporting
from .reporting import REGISTRY, Annotations, BaseRunner, ResultQueue, format_failure, record_failure, record_summary


class Runner(BaseRunner):
    def __init__(self, steps: dict[str, list[str]]) -> None:
        super().__init__()
        self.steps = steps
        self.annotations = Annotations()

    def run(self) -> bool:
        ok = True
        for name, cmd in self.steps.items():
            try:
                subprocess.run(cmd, check=True, timeout=600)
            except subprocess.TimeoutExpired as exc:
                record_failure(name, exc)  # expect: PSL304 "hands the caught exception"
                ok = False
            except subprocess.CalledProcessError as exc:
                self.fail(name, exc)  # expect: PSL304
                ok = False
            except OSError as exc:
                reporting.record_failure(name, exc)  # expect: PSL304
                return False
        return ok

    def run_annotated(self) -> bool:
        ok = True
        for name, cmd in self.steps.items():
            try:
                subprocess.run(cmd, check=True)
            except subprocess.CalledProcessError as exc:
                self.annotations.error(name, exc)  # expect: PSL304
                ok = False
            except Exception as exc:
                # Only text is kept, or nothing at all.
                print(format_failure(name, exc), file=sys.stderr)
                record_summary(name, exc)
                self.annotations.warning(name, exc)
                self.note(name, exc)
                ok = False
        return ok



class ParallelRunner:
    def __init__(self) -> None:
        self.results = ResultQueue()

    def run_one(self, name: str, cmd: list[str]) -> None:
        try:
            subprocess.run(cmd, check=True)
        except subprocess.CalledProcessError as exc:
            # Handed over to the thread that collects results.
            self.results.put(exc)


def run_detached(steps: dict[str, list[str]]) -> None:
    for name, cmd in steps.items():
        try:
            subprocess.Popen(cmd)
        except FileNotFoundError as exc:
            REGISTRY.record(name, exc)  # expect: PSL304
        except PermissionError as exc:
            REGISTRY.count(name, exc)
