"""VCF-style reader: the caller hands in an open stream and reads it section by section."""


def section(stream):  # expect: PSL102
    lines = []
    for line in stream:
        if not line.strip():
            break
        lines.append(line.rstrip())
    return lines


def variants(stream):  # expect: PSL102
    found = []
    for line in stream:
        chrom, pos, ident = line.split("\t")[:3]
        found.append((chrom, int(pos), ident))
    return found


def parse(stream):
    info = section(stream)
    samples = section(stream)
    keys = {m.split("=", 1)[0] for m in info}
    return keys, [s for s in samples if s]


def parse_with_header(stream):
    rows = variants(stream)
    columns = next(stream)
    return columns, sum(1 for _ in rows)
