"""`relay`: forwards stdin lines through the output plugins named on the command line."""
import argparse
import importlib
import sys

_outputs = []
_filters = []
_dropped = []  # expect: PSL204 "`_dropped`"


def load_outputs(names):
    """Runs once, before the first line is read: one output per configured name."""
    for name in names:
        module = importlib.import_module(f"relay.outputs.{name}")
        _outputs.append(module.Output())


def add_filters(patterns):
    _filters.extend(p.lower() for p in patterns)


def forward(line):
    if any(f in line.lower() for f in _filters):
        _dropped.append(line)
        return
    for out in _outputs:
        out.write(line)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="relay")
    parser.add_argument("--output", action="append", default=["stdout"])
    parser.add_argument("--drop", action="append", default=[])
    args = parser.parse_args(argv)
    load_outputs(args.output)
    add_filters(args.drop)
    for line in sys.stdin:
        forward(line.rstrip("\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
