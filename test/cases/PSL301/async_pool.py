"""An asyncio connection pool and request/response objects of an HTTP client."""
import asyncio
import contextlib
from typing import AsyncIterator, Optional


class Connection:
    def __init__(self, pool: "Pool", host: str) -> None:
        self.pool = pool  # expect: PSL301 "`self.pool = pool` keeps"
        self.host = host
        self.reader: Optional[asyncio.StreamReader] = None

    async def release(self) -> None:
        await self.pool.put_back(self)


class Pool:
    def __init__(self, host: str, size: int = 4) -> None:
        self.host = host
        self.size = size
        self._idle: list[Connection] = []
        self._lock = asyncio.Lock()

    async def acquire(self) -> Connection:
        async with self._lock:
            if self._idle:
                return self._idle.pop()
            conn = Connection(self, self.host)
            self._idle.append(conn)
            return conn

    async def put_back(self, conn: Connection) -> None:
        async with self._lock:
            self._idle.append(conn)

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        conn = await self.acquire()
        try:
            yield conn
        finally:
            await conn.release()


class Request:
    def __init__(self, method: str, url: str) -> None:
        self.method = method
        self.url = url
        self.response: Optional[Response] = None

    def respond(self, status: int, body: bytes) -> "Response":
        self.response = Response(self, status, body)
        return self.response


class Response:
    def __init__(self, request: Request, status: int, body: bytes) -> None:
        self.request = request  # expect: PSL301 "self.response = Response(self, status, body)"
        self.status = status
        self.body = body


class Timing:
    """Copies what it needs from the request: no back-reference."""

    def __init__(self, request: Request, elapsed: float) -> None:
        self.url = request.url
        self.elapsed = elapsed


async def fetch_all(pool: Pool, urls: list[str]) -> list[int]:
    sizes = []
    for url in urls:
        async with pool.connection() as conn:
            request = Request("GET", url)
            timing = Timing(request, 0.0)
            sizes.append(len(conn.host) + len(timing.url))
    return sizes
