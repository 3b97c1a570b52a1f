"""Chat bot commands: `command` here is the bot's own dispatch decorator, not click's."""
import shlex

import click

COMMANDS = {}
_karma: dict[str, int] = {}  # expect: PSL204 "`_karma`"
_boot = []


def command(name):
    def deco(fn):
        COMMANDS[name] = fn
        return fn
    return deco


@command("karma")
def cmd_karma(user: str, who: str = "") -> str:
    target = who or user
    _karma[target] = _karma.get(target, 0) + 1
    return f"{target}: {_karma[target]}"


def dispatch(user: str, text: str) -> str:
    name, *args = shlex.split(text[1:])
    handler = COMMANDS.get(name)
    return handler(user, *args) if handler else "?"


@click.command()
@click.option("--token")
def main(token: str) -> None:
    _boot.append(token)
