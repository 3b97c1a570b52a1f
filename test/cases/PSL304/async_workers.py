"""Async worker pool: errors travel through futures and queues."""
import asyncio
import logging

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, queue: asyncio.Queue, results: asyncio.Queue) -> None:
        self.queue = queue
        self.results = results
        self.crashed: BaseException | None = None

    async def run(self) -> None:
        while True:
            job, fut = await self.queue.get()
            try:
                fut.set_result(await job())
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                fut.set_exception(exc)
                await self.results.put(exc)
                log.exception("job failed")
            finally:
                self.queue.task_done()

    async def run_once(self, job) -> None:
        try:
            await job()
        except Exception as exc:
            self.crashed = exc  # expect: PSL304 "on an object"


async def gather_settled(coros) -> list:
    outcomes = []
    for coro in coros:
        try:
            outcomes.append(await coro)
        except Exception as err:
            outcomes.append(err)  # expect: PSL304
    return outcomes


async def with_deadline(coro, seconds: float):
    try:
        return await asyncio.wait_for(coro, seconds)
    except asyncio.TimeoutError as exc:
        raise TimeoutError(f"no answer within {seconds}s") from exc


async def poll_until_ready(check, attempts: int = 10):
    last_error = None
    for _ in range(attempts):
        try:
            return await check()
        except ConnectionError as err:
            last_error = err  # expect: PSL304
            await asyncio.sleep(0.5)
    raise TimeoutError("service never came up") from last_error
