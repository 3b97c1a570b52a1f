"""FASTA-style reader: a record is appended when its header line is seen and filled by the
sequence lines that follow it; a second stage appends each row before computing its fields.
A generator would hand each record to the caller before it is complete.

Usage: python3 grouped_records.py [N]
"""
import sys


def render_fasta(n):
    for i in range(n):
        yield f">seq{i} sample={i % 4}"
        for j in range(1 + i % 3):
            yield "ACGT"[(i + j) % 4] * (5 + j)


def parse_fasta(lines):
    records = []
    current = None
    for line in lines:
        if line.startswith(">"):
            name, _, meta = line[1:].partition(" ")
            current = {"name": name, "meta": meta, "chunks": []}
            records.append(current)
        else:
            current["chunks"].append(line)
    return records


def with_stats(records):
    rows = []
    for rec in records:
        row = {"name": rec["name"], "sample": rec["meta"]}
        rows.append(row)
        seq = "".join(rec["chunks"])
        row["length"] = len(seq)
        row["gc"] = sum(1 for base in seq if base in "GC")
    return rows


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    residues = 0
    for rec in parse_fasta(render_fasta(n)):
        residues += sum(len(chunk) for chunk in rec["chunks"])
    print(f"residues={residues}")
    gc = 0
    longest = ("", 0)
    for row in with_stats(parse_fasta(render_fasta(n))):
        gc += row["gc"]
        if row["length"] > longest[1]:
            longest = (row["name"], row["length"])
    print(f"gc={gc} longest={longest[0]}:{longest[1]}")


if __name__ == "__main__":
    main(sys.argv)
