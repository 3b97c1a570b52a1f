"""FASTA-like export: a header block, a blank line, then records, all read from one file."""


def read_block(lines):  # expect: PSL102
    block = []
    for line in lines:
        if not line.strip():
            break
        block.append(line.rstrip("\n"))
    return block


def records(lines):  # expect: PSL102
    return (line.split("\t") for line in lines if line.strip())


def load(path):
    with open(path, encoding="utf-8") as fh:
        header = read_block(fh)
        body = read_block(fh)
        names = [cols[0] for cols in records(body)]
        return dict(line.split(": ", 1) for line in header), names
