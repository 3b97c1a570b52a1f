"""Rebuilds that are fine: small lists from literals, argv, string splits, options."""
import os
import shlex
import subprocess
import sys


def run(cmd: str, *args: object) -> int:
    # `*args` is a short argument tuple, not a data set.
    args = [str(a) for a in args]
    return subprocess.call([cmd, *args])


def command_line(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    argv = [a for a in argv if a != "--"]
    return argv


def options(**kwargs):
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    return kwargs


def header(line: str) -> list[str]:
    parts = line.split(",")
    parts = [p.strip() for p in parts]
    return parts


def flags() -> list[str]:
    enabled = ["fast", "cache", "", "debug"]
    enabled = [e for e in enabled if e]
    return enabled


def columns(names=("id", "name", "email")):
    names = [n.upper() for n in names]
    return names


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env = {k: v for k, v in env.items() if k.startswith("APP_")}
    return env


def tokens(text: str) -> list[str]:
    words = shlex.split(text)
    words = [w.lower() for w in words]
    return words


def paths(names: list[str]) -> list[str]:
    # A parameter with a generic name: nothing says it is large.
    names = [os.path.join("/srv", n) for n in names]
    return names


def different_names(rows):
    # Built from `rows` but bound to a new name: the old list can be freed by the caller.
    cleaned = [r.strip() for r in rows]
    return cleaned


def not_a_rebuild(rows, lookup):
    # The comprehension iterates something else.
    rows = [lookup[k] for k in sorted(lookup)]
    return rows


def branch(records, fallback: bool):
    if fallback:
        records = ["a", "b"]
    else:
        records = [r for r in records if r]  # expect: PSL103
    return records


def copy_only(rows):
    # A plain copy is not a transform (and is often a defensive copy).
    rows = list(rows)
    return rows
