"""A finalizer from one base, a cycle from another: the subclass's instances run both."""
from __future__ import annotations

import logging
import socket
from typing import Callable

log = logging.getLogger(__name__)


class ClosesOnDelete:
    """Mixin: close the resource when the object goes away."""

    def close(self) -> None:
        raise NotImplementedError

    def __del__(self) -> None:  # expect: PSL303 "self.handlers"
        try:
            self.close()
        except OSError:
            log.exception("close failed")


class EventSource:
    def __init__(self) -> None:
        self.handlers: list[Callable[[bytes], None]] = [self.on_data]

    def on_data(self, data: bytes) -> None:
        log.debug("%d bytes", len(data))


class SocketStream(ClosesOnDelete, EventSource):
    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock

    def close(self) -> None:
        self.sock.close()


class TempDir(ClosesOnDelete):
    """Same finalizer, no cycle: nothing to report for this one alone."""

    def __init__(self, path: str) -> None:
        self.path = path

    def close(self) -> None:
        log.info("removing %s", self.path)
