"""Read a VCF-like stream: '##' meta lines first, then variant rows.
`meta(stream)` and `variants(stream)` read the same open stream one after the other.

Usage: python3 shared_stream_param.py [N]
"""
import io
import sys


def render(n):
    out = io.StringIO()
    for k in range(3):
        out.write(f"##key{k}=value{k}\n")
    for i in range(n):
        out.write(f"chr{i % 3}\t{i * 11}\t{'A' if i % 2 else 'G'}\n")
    out.seek(0)
    return out


def meta(stream):
    headers = []
    for line in stream:
        if not line.startswith("##"):
            break
        headers.append(line[2:].strip())
    return headers


def variants(stream):
    rows = []
    for line in stream:
        chrom, pos, ref = line.rstrip("\n").split("\t")
        rows.append((chrom, int(pos), ref))
    return rows


def load(stream):
    info = meta(stream)
    rows = variants(stream)
    keys = [h.split("=")[0] for h in info]
    return keys, rows


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    keys, rows = load(render(n))
    print("meta:", ",".join(keys))
    print("variants:", len(rows), sum(p for _c, p, _r in rows))


if __name__ == "__main__":
    main(sys.argv)
