"""Comments that belong to other tools, or say nothing about a code: never reported."""
import os
import subprocess  # noqa: S404
from typing import Any  # noqa: F401

DEFAULT_QUERY = "SELECT * FROM orders WHERE status = 'open' AND created_at > now() - interval '30 days'"  # noqa: E501
HELP = "append  # noqa: PSL202  to a line to silence it"


def run(cmd: list[str]) -> Any:
    return subprocess.run(cmd, check=True)  # noqa


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") in {"1", "true"}  # type: ignore  # noqa: B001


def keep_self_check(rows):
    # A code that covers PSL001 itself is left alone: judging it would judge its own findings.
    return [r for r in rows]  # noqa: PSL001, PSL0
