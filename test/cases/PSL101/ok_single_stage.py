"""One transform between loading and saving is not a chain."""


def load_rows(lines):
    return [line.split(",") for line in lines]


def save(rows, out):
    for row in rows:
        out.write(";".join(row) + "\n")


def convert(lines, out):
    save(load_rows(lines), out)
