"""Objects that release OS resources in __del__ — and are part of reference cycles."""
import os
import shutil
import socket
import tempfile
import weakref


class TempWorkspace:
    def __init__(self, prefix: str = "job-") -> None:
        self.path = tempfile.mkdtemp(prefix=prefix)
        self.on_exit = self.cleanup

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __del__(self) -> None:  # expect: PSL303 "self.on_exit = self.cleanup"
        self.cleanup()


class SocketPool:
    def __init__(self) -> None:
        self.members: list["PooledSocket"] = []

    def open(self, host: str, port: int) -> "PooledSocket":
        return PooledSocket(self, socket.create_connection((host, port)))


class PooledSocket:
    def __init__(self, pool: SocketPool, sock: socket.socket) -> None:
        self.pool = pool
        pool.members.append(self)
        self.sock = sock

    def __del__(self) -> None:  # expect: PSL303
        self.sock.close()


class LogFile:
    """No cycle: __del__ runs as soon as the last reference goes."""

    def __init__(self, path: str) -> None:
        self.fh = open(path, "a", encoding="utf-8")

    def write(self, line: str) -> None:
        self.fh.write(line + "\n")

    def __del__(self) -> None:
        self.fh.close()


class Lease:
    """The back-reference is weak: no cycle."""

    def __init__(self, owner: "LeaseManager", fd: int) -> None:
        self._owner = weakref.ref(owner)
        owner.leases.append(self)
        self.fd = fd

    def __del__(self) -> None:
        os.close(self.fd)


class LeaseManager:
    def __init__(self) -> None:
        self.leases: list[Lease] = []


class Mapping:
    """Uses weakref.finalize instead of __del__."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_RDONLY)
        self.me = self
        self._finalizer = weakref.finalize(self, os.close, self.fd)


class Scratch:
    """A cycle, but nothing to finalize."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.add = self.entries.append
        self.myself = self
