"""Config and audit readers that read a whole file into a local, then split it."""
from pathlib import Path


def failed_logins(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if "LOGIN_FAILED" in line]  # expect: PSL105 "splits it"


def count_sections(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        content = fh.read()
        return sum(1 for line in content.splitlines() if line.startswith("["))  # expect: PSL105


def closed_by_with(path: str) -> list[str]:
    # The file is closed before the split: iterating it instead is no drop-in change.
    with open(path) as fh:
        content = fh.read()
    return [line for line in content.splitlines() if line]


def closed_explicitly(path: str) -> list[str]:
    fh = open(path)
    try:
        content = fh.read()
    finally:
        fh.close()
    return [line.strip() for line in content.splitlines()]


def text_used_twice(path: Path) -> tuple[int, list[str]]:
    text = path.read_text()
    return len(text), [line for line in text.splitlines()]


def first_block(path: str) -> list[str]:
    with open(path) as fh:
        head = fh.read(4096)
        # read(size) reads part of the file, not all of it.
        return [line for line in head.splitlines()]
