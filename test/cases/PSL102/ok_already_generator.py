"""Event stream reader that already yields."""


def read_events(lines):
    for line in lines:
        if line.strip():
            yield line.split("|")


def count_events(lines):
    return sum(1 for _ in read_events(lines))
