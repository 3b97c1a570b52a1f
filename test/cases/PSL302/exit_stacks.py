"""Services that collect their teardown steps in an ExitStack they own."""
from __future__ import annotations

import contextlib
import logging
import sqlite3
import tempfile

log = logging.getLogger(__name__)


class ReportJob:
    def __init__(self, db_path: str) -> None:
        self._stack = contextlib.ExitStack()
        self.conn = self._stack.enter_context(contextlib.closing(sqlite3.connect(db_path)))
        self.workdir = self._stack.enter_context(tempfile.TemporaryDirectory())
        self._stack.callback(self._log_done)  # expect: PSL302
        self._stack.callback(log.info, "report job for %s closed", db_path)

    def _log_done(self) -> None:
        log.info("report job finished in %s", self.workdir)

    def close(self) -> None:
        self._stack.close()


class AsyncExporter:
    def __init__(self, client) -> None:
        self.client = client
        self._stack = contextlib.AsyncExitStack()
        self._stack.push_async_callback(self.flush)  # expect: PSL302

    async def flush(self) -> None:
        await self.client.flush()

    async def aclose(self) -> None:
        await self._stack.aclose()


def export_all(paths: list[str]) -> int:
    # A local stack: the callback goes when the block ends.
    job = ReportJob(":memory:")
    with contextlib.ExitStack() as stack:
        stack.callback(job.close)
        return len(paths)


class CliParser:
    """`option.callback(...)` here calls the option's handler; nothing is kept."""

    def __init__(self, options) -> None:
        self.options = {o.name: o for o in options}

    def process(self, name: str, value: str) -> None:
        option = self.options[name]
        if option.callback is not None:
            option.callback(option, name, value, self)
