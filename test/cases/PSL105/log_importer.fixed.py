"""Import web-server logs: parse each line into an event and store it."""
import gzip
import io
import sys
from typing import Iterator, TextIO


def parse(line: str) -> dict[str, str]:
    ip, _, rest = line.partition(" ")
    return {"ip": ip, "rest": rest.strip()}


def import_log(path: str) -> list[dict[str, str]]:
    events = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:  # expect: 21 PSL105 "reads the whole file"
            events.append(parse(line))
    return events


def import_gzip(path: str) -> int:
    with gzip.open(path, "rt") as fh:
        return sum(1 for line in fh if line.strip())  # expect: PSL105


def import_numbered(path: str) -> dict[int, str]:
    with open(path) as fh:
        return {i: line for i, line in enumerate(fh, start=1)}  # expect: PSL105


def import_stdin() -> Iterator[dict[str, str]]:
    for line in sys.stdin.readlines():  # expect: PSL105
        yield parse(line)


def import_stream(stream: TextIO) -> list[dict[str, str]]:
    # A file-like parameter: iteration is not guaranteed, so the fix is unsafe.
    return [parse(line) for line in stream.readlines()]  # expect: PSL105


def import_text(path: str) -> list[dict[str, str]]:
    with open(path) as fh:
        # splitlines() drops line endings and splits on more separators than iteration: suggestion only.
        return [parse(line) for line in fh.read().splitlines()]  # expect: PSL105 "splits it"


def import_via_name(path: str) -> int:
    with open(path) as fh:
        lines = fh.readlines()  # expect: PSL105
        count = 0
        for line in lines:
            count += len(parse(line))
    return count


def import_after_close(path: str) -> int:
    # The file is closed when the loop runs: converting would break; stay silent.
    with open(path) as fh:
        lines = fh.readlines()
    count = 0
    for line in lines:
        count += len(line)
    return count


def import_explicit_close(path: str) -> int:
    fh = open(path)
    lines = fh.readlines()
    fh.close()
    return sum(len(line) for line in lines)


def import_header(path: str) -> tuple[str, list[str]]:
    with open(path) as fh:
        lines = fh.readlines()
    # Indexed and sliced: the list is needed.
    return lines[0], lines[1:]


def import_mixed(path: str) -> list[str]:
    with open(path) as fh:
        out = []
        for line in fh.readlines():
            # The loop reads more from the same file: readlines() had to finish first.
            if line.endswith("\\\n"):
                line += fh.readline()
            out.append(line)
        return out


def import_twice(path: str) -> tuple[int, int]:
    with open(path) as fh:
        lines = fh.readlines()
        longest = max(len(line) for line in lines)
        shortest = min(len(line) for line in lines)
    return longest, shortest


def import_buffer(data: str) -> list[str]:
    buffer = io.StringIO(data)
    return ["".join(buffer.readlines())]  # expect: PSL105


def lazy_lines(path: str):
    with open(path) as fh:
        # The generator is read after the `with` closes the file: reported, but no fix.
        return (line.strip() for line in fh.readlines())  # expect: PSL105
