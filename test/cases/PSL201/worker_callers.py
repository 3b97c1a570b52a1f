"""Import workers: each job names the handler module that processes it."""
import importlib
import queue
import threading

_handlers = {}  # expect: PSL201 "`_handlers`"
_formats = {}


def handler_for(kind):
    if kind not in _handlers:
        _handlers[kind] = importlib.import_module(f"importers.{kind}").handle
    return _handlers[kind]


def formatter(name):
    if name not in _formats:
        _formats[name] = importlib.import_module(f"formats.{name}").Formatter()
    return _formats[name]


def warm_up():
    handler_for("csv")
    handler_for("json")


def demo():
    # Tried by hand from a shell; not how the service runs.
    print(formatter(input("format? ")))


def export_all(rows):
    return [formatter("csv").format(rows), formatter("xlsx").format(rows)]


class Worker(threading.Thread):
    def __init__(self, jobs: queue.Queue):
        super().__init__(daemon=True)
        self.jobs = jobs

    def run(self):
        # The thread's whole life: the kinds come from the jobs it is sent.
        while True:
            job = self.jobs.get()
            handler_for(job["kind"])(job)
