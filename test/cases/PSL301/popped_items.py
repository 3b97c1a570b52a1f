"""HTTP client session: redirect history and a connection pool that recycles connections."""
from collections import deque


class Response:
    def __init__(self, status, url):
        self.status = status
        self.url = url
        self.history = []


class Session:
    def __init__(self, adapter):
        self.adapter = adapter

    def send(self, request, follow_redirects=True):
        r = self.adapter.send(request)
        if follow_redirects:
            history = [resp for resp in self.resolve_redirects(r, request)]
        else:
            history = []
        if history:
            # The first response goes to the front, the last one is taken out and becomes
            # the result: it is no longer in the list it points at.
            history.insert(0, r)
            r = history.pop()
            r.history = history
        return r

    def resolve_redirects(self, resp, request):
        while resp.status in (301, 302):
            resp = self.adapter.send(request)
            yield resp


class Connection:
    def __init__(self, host):
        self.host = host
        self.pool = None


class ConnectionPool:
    def __init__(self, host, size=4):
        self.idle = deque(Connection(host) for _ in range(size))
        self.busy = []
        self.spare = []

    def checkout(self):
        conn = self.idle.popleft()
        conn.pool = self  # expect: PSL301 "self.busy.append(conn)"
        self.busy.append(conn)
        return conn

    def retire(self):
        conn = self.spare.pop()
        conn.waiting = self.spare
        return conn
