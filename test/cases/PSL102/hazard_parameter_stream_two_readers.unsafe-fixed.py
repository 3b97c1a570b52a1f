"""FASTQ-ish reader: the caller's stream starts with '@' header lines, then the records."""
from typing import TextIO


def header_lines(stream):  # expect: PSL102
    for line in stream:
        if not line.startswith("@"):
            break
        yield line[1:].strip()


def records(stream: TextIO):
    out = []
    for line in stream:
        out.append(line.rstrip("\n").split("\t"))
    return out


def sample_names(stream: TextIO):  # expect: PSL102
    for line in stream:
        yield line.split("\t", 1)[0]


def load(stream):
    header = header_lines(stream)
    body = records(stream)
    return [h.split("=", 1) for h in header], len(body)


def first_names(stream: TextIO, limit):
    names = sample_names(stream)
    for line in stream:
        if line.startswith("#"):
            break
    return [n for n in names][:limit]


def lengths(rows):
    # `rows` is indexed: a list, which a lazy producer may share with another reader.
    cleaned = header_lines(rows)
    first = rows[0]
    total = sum(len(r) for r in rows)
    return first, total, [c for c in cleaned]
