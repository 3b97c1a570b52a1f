"""`stockctl`: import and check inventory files from the command line."""
import csv
import json
import signal
from pathlib import Path

import click

_imported = []
_problems = {}
_reloads = []  # expect: PSL204 "`_reloads`"


@click.group()
@click.option("--verbose", is_flag=True)
def cli(verbose):
    """Inventory tools."""


@cli.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def import_files(paths):
    """Each run of the program imports its files once, then exits."""
    for path in paths:
        _imported.extend(json.loads(Path(path).read_text()))
    click.echo(f"{len(_imported)} items")


def _check_row(row):
    if not row.get("sku"):
        _problems[row["line"]] = "missing sku"


@cli.command()
@click.argument("path", type=click.File("r"))
def check(path):
    for row in csv.DictReader(path):
        _check_row(row)
    click.echo(f"{len(_problems)} problems")


def _on_hup(signum, frame):
    # Runs on every SIGHUP for as long as the process lives.
    _reloads.append(frame)


signal.signal(signal.SIGHUP, _on_hup)

if __name__ == "__main__":
    cli()
