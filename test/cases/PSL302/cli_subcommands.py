"""A CLI application object that wires its own methods into argparse sub-commands."""
import argparse
import sys


class Command:
    """One sub-command; the parser it registers with belongs to the caller."""

    name = "base"

    def register(self, subparsers: argparse._SubParsersAction) -> None:
        parser = subparsers.add_parser(self.name, help=self.__doc__)
        parser.set_defaults(handler=self.run)

    def run(self, args: argparse.Namespace) -> int:
        return 0


class DeployTool:
    def __init__(self, commands: list[Command]) -> None:
        self.parser = argparse.ArgumentParser(prog="deploy")
        self.parser.add_argument("--verbose", action="store_true")
        subparsers = self.parser.add_subparsers(dest="command", required=True)
        status = subparsers.add_parser("status", help="show the current release")
        status.set_defaults(handler=self.status)  # expect: PSL302 "bound method"
        subparsers.add_parser("rollback").set_defaults(handler=self.rollback)  # expect: PSL302
        for command in commands:
            command.register(subparsers)

    def status(self, args: argparse.Namespace) -> int:
        print("release 42")
        return 0

    def rollback(self, args: argparse.Namespace) -> int:
        return 0

    def main(self, argv: list[str] | None = None) -> int:
        args = self.parser.parse_args(argv)
        return args.handler(args)


def cmd_status(args: argparse.Namespace) -> int:
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deploy")
    subparsers = parser.add_subparsers()
    subparsers.add_parser("status").set_defaults(handler=cmd_status)
    return parser


if __name__ == "__main__":
    sys.exit(DeployTool([Command()]).main())
