"""Slash commands of a support bot: each command object is built with the bot it serves."""
from __future__ import annotations

import random


class Command:
    name = ""

    def __init__(self, bot: "Bot") -> None:
        self.bot = bot  # expect: PSL301 "self.register(cls(self))"
        self.uses = 0

    def run(self, args: list[str]) -> str:
        raise NotImplementedError


class Help(Command):
    name = "help"

    def run(self, args: list[str]) -> str:
        return " ".join(sorted(self.bot.commands))


class Roll(Command):
    name = "roll"

    def run(self, args: list[str]) -> str:
        return str(random.randint(1, int(args[0]) if args else 6))


class Formatter:
    """Built with a template string only."""

    def __init__(self, template: str) -> None:
        self.template = template


class Tool:
    def __init__(self, owner: "Workbench") -> None:
        self.owner = owner  # expect: PSL301


class Saw(Tool):
    pass


class Drill(Tool):
    pass


TOOLS = (Saw, Drill)
FORMATS = ("{nick}: {text}", "* {nick} {text}")


class Bot:
    def __init__(self, nick: str) -> None:
        self.nick = nick
        self.commands: dict[str, Command] = {}
        for cls in (Help, Roll):
            self.register(cls(self))
        self.formatters = [Formatter(fmt) for fmt in FORMATS]

    def register(self, command: Command) -> None:
        self.commands[command.name] = command


class Workbench:
    def __init__(self) -> None:
        self.tools = [tool_cls(self) for tool_cls in TOOLS]
