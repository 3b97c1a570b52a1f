"""Chat bot: a click command that polls until SIGTERM."""
import signal
import threading
import time

import click

_history = []  # expect: PSL204 "`_history`"
_started_at = []
_by_user = {}  # expect: PSL204 "`_by_user`"


def dispatch(msg: dict) -> None:
    _history.append(msg)


class Poller:
    def __init__(self, transport) -> None:
        self.transport = transport
        self._stopped = False

    def stop(self, *_args) -> None:
        self._stopped = True

    def run(self) -> None:
        while not self._stopped:
            for msg in self.transport.poll(timeout=1.0):
                _by_user[msg["user"]] = msg


@click.command()
@click.option("--token", envvar="BOT_TOKEN")
def run(token: str) -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    _started_at.append(time.time())
    while not stop.is_set():
        for msg in poll(token):
            dispatch(msg)


@click.command()
def serve() -> None:
    Poller(object()).run()


def poll(token):
    return []
