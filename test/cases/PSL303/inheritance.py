"""Finalizers inherited by, or defined in, subclasses of cyclic classes."""
import logging

log = logging.getLogger(__name__)


class Closable:
    def close(self) -> None:
        log.info("closing %s", self)

    def __del__(self) -> None:  # expect: PSL303
        self.close()


class Channel(Closable):
    def __init__(self) -> None:
        self.listeners = []
        self.listeners.append(self.on_message)

    def on_message(self, body: bytes) -> None:
        log.debug("got %d bytes", len(body))


class Cache:
    def __init__(self) -> None:
        self._evict = self.clear
        self.data: dict = {}

    def clear(self) -> None:
        self.data.clear()


class FileCache(Cache):
    def __del__(self) -> None:  # expect: PSL303
        log.info("dropping file cache")


class PlainBase:
    def __del__(self) -> None:
        log.info("bye")


class Leaf(PlainBase):
    """Neither it nor its base builds a cycle."""

    def __init__(self, name: str) -> None:
        self.name = name
