"""Failure bookkeeping shared by the pipeline runners."""
from __future__ import annotations

import traceback
from typing import Any

FAILURES: list[tuple[str, BaseException]] = []
SUMMARY: list[str] = []


def record_failure(step: str, exc: BaseException) -> None:
    FAILURES.append((step, exc))


def record_summary(step: str, exc: BaseException) -> None:
    SUMMARY.append(f"{step}: {type(exc).__name__}: {exc}")


def format_failure(step: str, exc: BaseException) -> str:
    return step + "\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class Annotations:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def error(self, step: str, exc: BaseException) -> None:
        self.items.append({"step": step, "level": "error", "exc": exc})

    def warning(self, step: str, exc: BaseException) -> None:
        self.items.append({"step": step, "level": "warning", "message": str(exc)})


class BaseRunner:
    def __init__(self) -> None:
        self.failed: list[tuple[str, BaseException]] = []

    def fail(self, step: str, exc: BaseException) -> None:
        self.failed.append((step, exc))

    def note(self, step: str, exc: BaseException) -> None:
        print(f"{step}: {exc!r}")



class ResultQueue:
    """The project's own queue: a consumer thread takes what is put here."""

    def __init__(self) -> None:
        self.items: list[object] = []

    def put(self, item: object) -> None:
        self.items.append(item)


class ErrorRegistry:
    def __init__(self) -> None:
        self.by_step: dict[str, BaseException] = {}
        self.counts: dict[str, int] = {}

    def record(self, step: str, exc: BaseException) -> None:
        self.by_step[step] = exc

    def count(self, step: str, exc: BaseException) -> None:
        key = f"{step}:{type(exc).__name__}"
        self.counts[key] = self.counts.get(key, 0) + 1


REGISTRY = ErrorRegistry()
