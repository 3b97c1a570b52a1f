"""Fixed-window rate limiters for the public API."""
import time


class FixedWindowLimiter:
    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._windows: dict[str, tuple[float, int]] = {}  # expect: PSL203 "`self._windows`"

    def allow(self, client_ip: str) -> bool:
        now = time.time()
        start, count = self._windows.get(client_ip, (now, 0))
        if now - start > 60:
            start, count = now, 0
        if count >= self.per_minute:
            return False
        self._windows[client_ip] = (start, count + 1)
        return True


class PruningLimiter:
    """Same window logic, but stale windows are dropped as they are found."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._windows: dict[str, tuple[float, int]] = {}

    def allow(self, client_ip: str) -> bool:
        now = time.monotonic()
        start, count = self._windows.get(client_ip, (now, 0))
        if now - start > 60:
            self._windows.pop(client_ip, None)
            start, count = now, 0
        if count >= self.per_minute:
            return False
        self._windows[client_ip] = (start, count + 1)
        return True
