"""A small chat gateway: an asyncio server, aiohttp routes and memoized lookups."""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)


class ChatGateway:
    def __init__(self, repo: Any, host: str = "0.0.0.0", port: int = 8888) -> None:
        self.repo = repo
        self.host = host
        self.port = port
        self.clients: dict[str, asyncio.StreamWriter] = {}
        self._server: asyncio.Server | None = None
        self._echo: asyncio.Server | None = None
        self.app = web.Application()
        self.app.router.add_get("/clients", self.list_clients)  # expect: PSL302 "bound method of `self`"
        self.app.router.add_static("/static", "static/")
        # Memoizing the repository's own method does not involve `self`.
        self._profile = functools.lru_cache(maxsize=256)(self.repo.get_profile)
        self.nickname = functools.lru_cache(maxsize=1024)(self._load_nickname)  # expect: PSL302 "captures `self`"

    async def start(self) -> None:
        # The server keeps its client handler for as long as it serves.
        self._server = await asyncio.start_server(self.handle_client, self.host, self.port)  # expect: PSL302
        loop = asyncio.get_running_loop()
        self._echo = await loop.create_server(lambda: EchoProtocol(), self.host, self.port + 1)

    async def serve_once(self) -> None:
        # Kept only in a local for the duration of the call: no cycle.
        server = await asyncio.start_server(self.handle_client, self.host, self.port)
        async with server:
            await server.serve_forever()

    async def handle_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = str(writer.get_extra_info("peername"))
        self.clients[peer] = writer
        try:
            while line := await reader.readline():
                log.info("%s: %s", self.nickname(peer), line.decode().rstrip())
        finally:
            self.clients.pop(peer, None)

    async def list_clients(self, request: web.Request) -> web.Response:
        return web.json_response(sorted(self.clients))

    def _load_nickname(self, peer: str) -> str:
        return self.repo.nickname_for(peer) or peer
