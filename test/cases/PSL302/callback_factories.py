"""A polling scheduler and a small GUI controller that build their callbacks in factory methods."""
import functools
import logging
import time
import weakref
from typing import Callable

log = logging.getLogger(__name__)


def make_handler(owner: "Dashboard", topic: str) -> Callable[[dict], None]:
    def handle(message: dict) -> None:
        owner.show(topic, message)

    return handle


def make_logger(prefix: str) -> Callable[[str], None]:
    def write(line: str) -> None:
        log.info("%s %s", prefix, line)

    return write


class Poller:
    def __init__(self, loop, interval: float) -> None:
        self.loop = loop
        self.interval = interval
        self.callback = self._make_callback()  # expect: PSL302 "captures `self`"
        self.on_ready = self._ready_hook()  # expect: PSL302 "captures `self`"
        self.retry = self._retry_with_backoff(3)  # expect: PSL302 "captures `self`"
        self.on_error = self._error_handler()  # expect: PSL302 "bound method of `self`"
        # A weak method does not keep the poller alive.
        self.on_idle = self._weak_idle()
        # The clock reads only module state: nothing of the poller is held.
        self.clock = self._make_clock()
        self.log_line = make_logger("poller")

    def _make_callback(self):
        def tick():
            self.poll()

        return tick

    def _ready_hook(self):
        return lambda: self.poll()

    def _retry_with_backoff(self, attempts: int):
        return functools.partial(self.poll, attempts)

    def _error_handler(self):
        return self.report_error

    def _weak_idle(self):
        return weakref.WeakMethod(self.idle)

    def _make_clock(self):
        def now() -> float:
            return time.monotonic()

        return now

    def run_once(self) -> None:
        # Kept in a local only: dropped when the call returns.
        tick = self._make_callback()
        tick()

    def poll(self, attempts: int = 1) -> None:
        log.debug("poll every %.1fs (%d attempts)", self.interval, attempts)

    def idle(self) -> None:
        log.debug("idle")

    def report_error(self, exc: BaseException) -> None:
        log.warning("poll failed: %s", exc)


class Scheduler:
    def __init__(self, timer) -> None:
        self.timer = timer
        self.timer.connect(self._make_tick())  # expect: PSL302 "captures `self`"
        self.jobs: list[Callable[[], None]] = []

    def _make_tick(self):
        return lambda: self.run_pending()

    def run_pending(self) -> None:
        for job in self.jobs:
            job()


class BaseController:
    def handler_for(self, event_name: str):
        return lambda event: self.dispatch(event_name, event)

    def dispatch(self, event_name: str, event) -> None:
        log.debug("%s: %r", event_name, event)


class ToolbarController(BaseController):
    def __init__(self, toolbar) -> None:
        self.toolbar = toolbar
        self.on_save = self.handler_for("save")  # expect: PSL302 "captures `self`"


class Dashboard:
    def __init__(self, bus) -> None:
        self.bus = bus
        self.handler = make_handler(self, "metrics")  # expect: PSL302 "captures `self`"
        self.console = make_logger("dashboard")

    def show(self, topic: str, message: dict) -> None:
        print(topic, message)
