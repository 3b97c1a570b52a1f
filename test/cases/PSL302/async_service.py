"""An asyncio service: background tasks and done-callbacks that capture the service."""
import asyncio
import contextlib
import logging

log = logging.getLogger(__name__)


class Heartbeat:
    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._task: asyncio.Task | None = None
        self._stopped = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._beat())  # expect: PSL302 "coroutine"
        self._task.add_done_callback(self._on_done)  # expect: PSL302 "bound method"

    async def _beat(self) -> None:
        while not self._stopped.is_set():
            log.debug("beat")
            await asyncio.sleep(self.interval)

    def _on_done(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception():
            log.error("heartbeat died: %s", task.exception())

    async def stop(self) -> None:
        self._stopped.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class JobRunner:
    def __init__(self) -> None:
        self.pending: set[asyncio.Task] = set()
        self.finished = 0

    def submit(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self.pending.add(task)

        def forget(done: asyncio.Task) -> None:
            self.pending.discard(done)
            self.finished += 1

        task.add_done_callback(forget)  # expect: PSL302 "captures `self`"
        return task

    async def run_detached(self, coro) -> None:
        # The task is awaited, not kept: its callback cannot outlive this call's objects.
        task = asyncio.ensure_future(coro)
        task.add_done_callback(lambda t: log.info("done %r", t))
        await task

    def schedule_report(self, loop: asyncio.AbstractEventLoop) -> None:
        # call_soon runs the callback once and drops it.
        loop.call_soon(self.report)

    def report(self) -> None:
        log.info("%d finished", self.finished)


async def main() -> None:
    beat = Heartbeat(0.5)
    beat.start()
    await asyncio.sleep(2)
    await beat.stop()
