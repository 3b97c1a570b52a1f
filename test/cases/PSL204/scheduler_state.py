"""A job scheduler: fluent builders, per-key locks, local aliases, guarded inserts, fixed keys."""
import threading
import time
from collections import Counter

from scheduler import backends

DEFAULT_QUEUES = ("default", "high", "low")
STATUSES = ("queued", "running", "done", "failed")

_locks = {}  # expect: PSL204 "`lock_for`"
_queues = []
_open = {}
_status_counts = Counter()


class Job:
    _scheduled = []  # expect: PSL204 "Class-level list `_scheduled` grows at run time (in `Job.schedule`)"

    def __init__(self, name):
        self.name = name
        self.run_at = None

    def schedule(self, when):
        # Returns `self` for chaining: a fluent builder, not a decorator handing back what it registered.
        self.run_at = when
        Job._scheduled.append(self)
        return self


class Worker:
    _last_run = {}  # expect: PSL204 "`Worker.record`"

    def record(self, job):
        last_run = type(self)._last_run
        last_run[job.name] = time.time()


def lock_for(job_id):
    return _locks.setdefault(job_id, threading.Lock())


def submit(job_id, name, when):
    with lock_for(job_id):
        return Job(name).schedule(when)


# ---- bounded: silent ----


def ensure_default_queue():
    if "default" not in _queues:
        _queues.append("default")


def open_queues():
    for name in DEFAULT_QUEUES:
        _open[name] = backends.open_queue(name)


def count_status(status):
    for name in STATUSES:
        if status == name:
            _status_counts[name] += 1
