"""The name is rebound to unrelated data between the two stages."""


def parse(lines):
    return [line.split(",") for line in lines]


def widen(rows):
    return [row + [""] * (5 - len(row)) for row in rows]


def run(lines, fallback):
    rows = parse(lines)
    print(len(rows))
    rows = fallback
    for row in widen(rows):
        print(row)
