"""Already streaming: every stage yields."""


def read(lines):
    for line in lines:
        yield line.rstrip("\n").split(",")


def clean(rows):
    for row in rows:
        yield [cell.strip() for cell in row]


def tag(rows):
    for row in rows:
        yield row + ["imported"]


def run(lines, out):
    for row in tag(clean(read(lines))):
        out.write(",".join(row) + "\n")
