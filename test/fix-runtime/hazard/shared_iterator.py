"""Parse a sectioned export: a metadata block, a blank line, then data rows.
Both sections are read from one iterator: `meta = read_section(it)` must consume its section
before `body = read_section(it)` starts, or the body would begin with the metadata lines.

Usage: python3 shared_iterator.py [N]
"""
import sys


def render(n):
    lines = [f"meta{k}=v{k}" for k in range(4)]
    lines.append("")
    lines.extend(f"{i},{(i * 37) % 1000},{'ok' if i % 9 else 'bad'}" for i in range(n))
    return lines


def read_section(it):
    out = []
    for line in it:
        if not line:
            break
        out.append(line)
    return out


def parse_rows(lines):
    rows = []
    for line in lines:
        ident, value, status = line.split(",")
        rows.append((int(ident), int(value), status))
    return rows


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    it = iter(render(n))
    meta = read_section(it)
    body = read_section(it)
    rows = parse_rows(body)
    total = sum(v for _i, v, s in rows if s == "ok")
    print(f"rows: {len(rows)}, total ok value: {total}")
    print("meta keys:", ",".join(m.split("=")[0] for m in meta))


if __name__ == "__main__":
    main(sys.argv)
