"""`relayctl`: forward queued events to the metrics gateway."""
import asyncio
import time

import click
import requests

_sent_ids = []  # expect: PSL204 "`_sent_ids`"
_failures = {}  # expect: PSL204 "`_failures`"
_drained = []
_chunks = []
_streamed = []  # expect: PSL204 "`_streamed`"


@click.group()
def cli():
    """Event relay tools."""


def _fetch(url):
    return requests.get(url, timeout=10).json()


def _note_failure(event_id, reason):
    _failures[event_id] = reason


@cli.command()
@click.option("--source", required=True)
@click.option("--interval", default=2.0, show_default=True)
def serve(source, interval):
    """Poll the source until killed: a long-running process."""
    while True:
        for event in _fetch(source):
            resp = requests.post("https://gateway.internal/events", json=event, timeout=10)
            if resp.ok:
                _sent_ids.append(event["id"])
            else:
                _note_failure(event["id"], resp.text)
        time.sleep(interval)


@cli.command()
@click.argument("path", type=click.File("r"))
def drain(path):
    """Read a dump once and exit: the loop ends with the file."""
    while line := path.readline():
        _drained.append(line.rstrip("\n"))
    click.echo(f"{len(_drained)} events")


@cli.command()
@click.argument("path", type=click.File("rb"))
def load(path):
    """Also one-shot: `while True` that breaks at the end of the file."""
    while True:
        chunk = path.read(65536)
        if not chunk:
            break
        _chunks.append(chunk)
    click.echo(f"{sum(map(len, _chunks))} bytes")


async def _follow(url):
    while True:
        resp = await asyncio.to_thread(requests.get, url, timeout=30)
        _streamed.extend(resp.json())
        await asyncio.sleep(1)


@cli.command()
@click.argument("url")
def follow(url):
    """Runs its loop through asyncio: the loop, not the command, is what keeps going."""
    asyncio.run(_follow(url))


if __name__ == "__main__":
    cli()
