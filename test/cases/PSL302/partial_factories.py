"""Module-level factories that wrap a method of whatever object they are given."""
from __future__ import annotations

import functools
import logging
from typing import Callable

log = logging.getLogger(__name__)


def make_line_writer(sink, prefix: str) -> Callable[[str], None]:
    return functools.partial(sink.write_line, prefix=prefix)


def make_logger(level: int) -> Callable[[str], None]:
    return functools.partial(log.log, level)


class ReportSink:
    def __init__(self, title: str) -> None:
        self.title = title
        self.lines: list[str] = []
        self.warn = make_line_writer(self, "WARN")  # expect: PSL302 "captures `self`"
        self.debug = make_logger(logging.DEBUG)

    def write_line(self, text: str, prefix: str = "") -> None:
        self.lines.append(f"{prefix}: {text}")

    def dump(self, other: "ReportSink") -> None:
        # Kept only in a local, and on another sink that this one does not hold.
        emit = make_line_writer(self, "INFO")
        emit(self.title)
        other.upstream = make_line_writer(self, "FWD")
