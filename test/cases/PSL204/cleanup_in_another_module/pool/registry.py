"""Who is connected, and who listens: filled at run time, emptied in other modules."""
_active = []
_handlers = {}
_closed_ids = set()
_samples = []  # expect: PSL204 "`_samples` grows at run time (in `record_latency` in pool/metrics.py)"


class PooledConnection:
    def __init__(self, dsn):
        self.dsn = dsn
        _active.append(self)


def on(event, handler):
    _handlers.setdefault(event, []).append(handler)


def mark_closed(conn_id):
    _closed_ids.add(conn_id)
