"""Context managers of a job runner that record what went wrong inside their `with` block."""
from __future__ import annotations

import logging
import time
from types import TracebackType
from typing import Optional

log = logging.getLogger(__name__)


class Timed:
    """`with Timed("load") as t: ...` — keeps the error for the caller to inspect."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.error: Optional[BaseException] = None
        self.elapsed = 0.0

    def __enter__(self) -> Timed:
        self._start = time.perf_counter()
        return self

    def __exit__(self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]) -> bool:
        self.elapsed = time.perf_counter() - self._start
        if exc is not None:
            self.error = exc  # expect: PSL304 "keeps the caught exception `exc` on an object"
        return True


class Collector:
    def __init__(self) -> None:
        self.failures: list[BaseException] = []
        self.trace = None

    async def __aenter__(self) -> Collector:
        return self

    async def __aexit__(self, et, exc, tb) -> bool:
        if exc is None:
            return False
        self.failures.append(exc)  # expect: PSL304
        self.trace = tb  # expect: PSL304 "keeps a traceback"
        return True


class Quiet:
    """Keeps only what it needs: the message, the type, and the exception without its traceback."""

    def __init__(self) -> None:
        self.message = ""
        self.kind: Optional[type[BaseException]] = None
        self.error: Optional[BaseException] = None

    def __enter__(self) -> Quiet:
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> bool:
        if exc_value is None:
            return False
        self.message = str(exc_value)
        self.kind = exc_type
        self.error = exc_value.with_traceback(None)
        log.warning("suppressed %s", exc_value)
        return True


class Batch:
    """Gathers errors while it runs, raises them together and lets go of them in a `finally`."""

    def __init__(self) -> None:
        self.errors: Optional[list[BaseException]] = []

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, et, exc, tb) -> None:
        if exc is not None and self.errors is not None:
            self.errors.append(exc)
        if self.errors:
            try:
                raise ExceptionGroup("batch failed", self.errors)
            finally:
                self.errors = None


class Rethrow:
    def __enter__(self) -> Rethrow:
        return self

    def __exit__(self, typ, value, traceback) -> bool:
        if isinstance(value, KeyError):
            try:
                raise LookupError(str(value))
            except LookupError as err:
                err.__traceback__ = traceback
                raise
        return False
