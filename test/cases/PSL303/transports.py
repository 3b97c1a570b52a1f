"""Event-loop transports and protocol objects that warn in __del__ if left open."""
import asyncio
import threading
import warnings


class Transport:
    def __init__(self, loop: asyncio.AbstractEventLoop, protocol: "Protocol") -> None:
        self._loop = loop
        self._protocol = protocol
        protocol.transport = self
        self._closed = False

    def close(self) -> None:
        self._closed = True

    def __del__(self) -> None:  # expect: PSL303
        if not self._closed:
            warnings.warn(f"unclosed transport {self!r}", ResourceWarning)


class Protocol:
    transport = None

    def connection_lost(self, exc) -> None:
        self.transport = None


class Watcher:
    def __init__(self) -> None:
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._stop = threading.Event()

    def _watch(self) -> None:
        self._stop.wait()

    def __del__(self) -> None:  # expect: PSL303 "Watcher.__del__"
        self._stop.set()


class Subscription:
    def __init__(self, feed) -> None:
        self.feed = feed
        self.feed.subscribe(lambda item: self.deliver(item))
        self.items = []

    def deliver(self, item) -> None:
        self.items.append(item)

    def __del__(self) -> None:  # expect: PSL303
        self.items.clear()


class Stream:
    def __init__(self) -> None:
        self._reader = self._read_chunks()

    def _read_chunks(self):
        while True:
            yield b""

    def __del__(self) -> None:  # expect: PSL303
        self._reader.close()


class Timer:
    """Schedules one-shot callbacks only: nothing keeps the timer."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.fired = 0

    def arm(self) -> None:
        self.loop.call_later(1.0, self.fire)

    def fire(self) -> None:
        self.fired += 1

    def __del__(self) -> None:
        print("timer gone")
