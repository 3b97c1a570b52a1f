"""A line-based chat server: each connection's protocol registers itself with the server.

The protocol keeps `self.server` and the server keeps the protocol in `clients`, so the store of
the back-reference is the finding (not the `add`, which looks like a self-store through it).
"""
from __future__ import annotations

import asyncio
import weakref


class ChatServer:
    def __init__(self) -> None:
        self.clients: set[ChatProtocol] = set()
        self.history: list[str] = []

    def broadcast(self, line: str) -> None:
        self.history.append(line)
        for client in self.clients:
            client.send(line)

    def protocol(self) -> ChatProtocol:
        return ChatProtocol(self)


class ChatProtocol(asyncio.Protocol):
    def __init__(self, server: ChatServer) -> None:
        self.server = server  # expect: PSL301 "self.server.clients.add(self)"
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.server.clients.add(self)

    def connection_lost(self, exc) -> None:
        self.server.clients.discard(self)

    def data_received(self, data: bytes) -> None:
        self.server.broadcast(data.decode(errors="replace"))

    def send(self, line: str) -> None:
        if self.transport is not None:
            self.transport.write(line.encode())


class MetricsServer:
    def __init__(self) -> None:
        self.sessions: set[MetricsProtocol] = set()


class MetricsProtocol(asyncio.Protocol):
    """Holds the server weakly: the server's set is the only strong link."""

    def __init__(self, server: MetricsServer) -> None:
        self._server = weakref.proxy(server)

    def connection_made(self, transport) -> None:
        self._server.sessions.add(self)
