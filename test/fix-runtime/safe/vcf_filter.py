"""Variant filter: render a VCF body, parse the records, keep the ones that pass quality and
depth thresholds, annotate each with the gene it falls in and count variants per gene and type.

Usage: python3 vcf_filter.py [N]
"""
from __future__ import annotations

import sys
from collections import Counter
from typing import Dict, List

CHROMS = ["chr1", "chr2", "chr7", "chr17", "chrX"]
BASES = "ACGT"
GENES = [
    ("chr1", 10_000, 60_000, "MTOR"),
    ("chr2", 5_000, 90_000, "ALK"),
    ("chr7", 20_000, 80_000, "EGFR"),
    ("chr17", 1_000, 40_000, "TP53"),
    ("chrX", 30_000, 70_000, "DMD"),
]


def render_vcf(n: int) -> List[str]:
    lines = ["##fileformat=VCFv4.2", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"]
    for i in range(n):
        chrom = CHROMS[i % len(CHROMS)]
        pos = 1_000 + (i * 7_919) % 100_000
        ref = BASES[i % 4]
        alt = BASES[(i + 1 + i // 4) % 4] if i % 9 else BASES[i % 4] + "TTA"
        qual = (i * 37) % 100
        lines.append(f"{chrom}\t{pos}\trs{100000 + i}\t{ref}\t{alt}\t{qual}\tPASS\tDP={(i * 13) % 80};AF=0.{i % 97:02d}")
    return lines


def parse_vcf(lines: List[str]) -> List[Dict[str, object]]:
    records = []
    for line in lines:
        if line.startswith("#"):
            continue
        chrom, pos, vid, ref, alt, qual, flt, info = line.split("\t")
        fields = dict(kv.split("=", 1) for kv in info.split(";"))
        records.append({
            "chrom": chrom,
            "pos": int(pos),
            "id": vid,
            "ref": ref,
            "alt": alt,
            "qual": float(qual),
            "depth": int(fields["DP"]),
            "af": float(fields["AF"]),
        })
    return records


def passing(records: List[Dict[str, object]], min_qual: float = 20.0, min_depth: int = 10) -> List[Dict[str, object]]:
    return [r for r in records if r["qual"] >= min_qual and r["depth"] >= min_depth]


def gene_at(chrom: str, pos: int) -> str:
    for g_chrom, start, end, name in GENES:
        if g_chrom == chrom and start <= pos < end:
            return name
    return "intergenic"


def annotate(records: List[Dict[str, object]]) -> List[Dict[str, object]]:
    annotated = []
    for rec in records:
        kind = "snv" if len(rec["ref"]) == len(rec["alt"]) else "indel"
        annotated.append({**rec, "gene": gene_at(rec["chrom"], rec["pos"]), "kind": kind})
    return annotated


def main(argv: List[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    body = render_vcf(n)
    variants = annotate(passing(parse_vcf(body)))
    per_gene: Counter = Counter()
    mean_af: Dict[str, float] = {}
    for v in variants:
        per_gene[(v["gene"], v["kind"])] += 1
        mean_af[v["gene"]] = mean_af.get(v["gene"], 0.0) + v["af"]
    for (gene, kind), count in sorted(per_gene.items()):
        print(f"{gene:11s} {kind:5s} {count}")
    for gene in sorted(mean_af):
        print(f"{gene:11s} af_sum={mean_af[gene]:.2f}")


if __name__ == "__main__":
    main(sys.argv)
