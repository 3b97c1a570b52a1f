"""Finalizers several classes below the class whose methods build the cycle."""
import logging
import socket

log = logging.getLogger(__name__)


class EventSource:
    def __init__(self) -> None:
        self.handlers = []

    def watch(self) -> None:
        self.handlers.append(self.on_event)

    def on_event(self, event: object) -> None:
        log.debug("event %r", event)


class Stream(EventSource):
    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock


class TlsStream(Stream):
    def __del__(self) -> None:  # expect: PSL303 "self.handlers.append(self.on_event)"
        self.sock.close()


class Metrics:
    def __del__(self) -> None:
        log.info("metrics flushed")


class MeteredTlsStream(TlsStream, Metrics):
    pass


class Counter(Metrics):
    # A finalizer, but no cycle: counters hold only numbers.
    def __init__(self) -> None:
        self.value = 0


class Placeholder:
    def __init__(self, first: "Session") -> None:
        self.pending = [first]

    def append(self, session: "Session") -> None:
        self.pending.append(session)


class Session:
    def __init__(self, name: str) -> None:
        self.name = name
        self.parent = None

    def __del__(self) -> None:
        log.info("session %s closed", self.name)


def link(registry: dict, session: Session, key: str) -> None:
    # Exclusive branches: the parent is a Session, the Placeholder only queues it.
    parent = None
    entry = registry.get(key)
    if isinstance(entry, Session):
        parent = entry
    elif isinstance(entry, Placeholder):
        entry.append(session)
    session.parent = parent
