"""Deploy log triage: counts failures in the release logs."""
from pathlib import Path


def count_failures(path):
    failures = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh.read().split("\n"):  # expect: PSL105
            if "FAILED" in line:
                failures += 1
    return failures


def failed_hosts(log_dir: Path):
    hosts = set()
    for log in sorted(log_dir.glob("*.log")):
        for line in log.read_text(encoding="utf-8").split("\n"):  # expect: PSL105
            if line.startswith("host="):
                hosts.add(line[5:].split()[0])
    return hosts


def first_line(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read().split("\n")[0]


def packets(path):
    # Bytes split on a newline byte: a binary capture, not text lines.
    with open(path, "rb") as fh:
        return [len(chunk) for chunk in fh.read().split(b"\n")]


def tokens(path):
    with open(path, encoding="utf-8") as fh:
        return sum(1 for word in fh.read().split(" ") if word)
