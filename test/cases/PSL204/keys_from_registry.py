"""A cron-like runner: jobs register at import, their state is kept per job name."""
import time

_jobs = {}
_last_run = {}
_failures = {}
_clients = {}
_client_seen = {}  # expect: PSL204 "`_client_seen`"


def every(seconds):
    def deco(fn):
        _jobs[fn.__name__] = (seconds, fn)
        return fn
    return deco


@every(300)
def rotate_logs():
    pass


@every(60)
def refresh_tokens():
    pass


def run_due(now):
    # One entry per registered job: the job table stops growing once the modules are imported.
    for name, (seconds, fn) in _jobs.items():
        if now - _last_run.get(name, 0.0) < seconds:
            continue
        try:
            fn()
        except Exception as exc:
            _failures[name] = repr(exc)
        _last_run[name] = now


def connect(client_id, sock):
    _clients[client_id] = sock


def disconnect(client_id):
    _clients.pop(client_id, None)


def ping_all(now):
    # `_clients` changes at run time: every client ever connected keeps an entry here.
    for client_id in _clients:
        _client_seen[client_id] = now


def main():
    while True:
        run_due(time.time())
        ping_all(time.time())
        time.sleep(1)
