"""Upload throttling: a token bucket per tenant and a strike count for abusive tenants."""
import time

from flask import Flask, abort, request

app = Flask(__name__)


class UploadThrottle:
    # A tally stored next to the buckets under the same key: not their timestamps.
    _strikes: dict[str, int] = {}  # expect: PSL204 "`_strikes`"
    _banned: set[str] = set()

    def __init__(self, rate: float = 2.0, burst: int = 10) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, list[float]] = {}

    def admit(self, tenant: str) -> bool:
        if tenant in self._banned:
            return False
        now = time.monotonic()
        tokens, last = self._buckets.get(tenant, [float(self.burst), now])
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self._strikes[tenant] = self._strikes.get(tenant, 0) + 1
            if self._strikes[tenant] > 50:
                self._banned.add(tenant)
            return False
        self._buckets[tenant] = [tokens - 1, now]
        return True

    @classmethod
    def pardon(cls, tenant: str) -> None:
        cls._banned.discard(tenant)


throttle = UploadThrottle()


@app.post("/upload")
def upload():
    if not throttle.admit(request.headers.get("X-Tenant", "anonymous")):
        abort(429)
    return {"ok": True}
