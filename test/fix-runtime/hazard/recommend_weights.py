"""Recommendation scoring: each candidate gets a scorer closure that normalises by the
total weight of the batch. The closures read `total`, which is only final after the loop:
eagerly every scorer sees the batch total, lazily each sees a running total.

Usage: python3 recommend_weights.py [N]
"""
import sys


def load_candidates(n):
    return [{"item": f"sku-{i}", "weight": (i * 31) % 97 + 1, "views": (i * 17) % 50} for i in range(n)]


def scorers(candidates):
    total = 0
    out = []
    for c in candidates:
        total += c["weight"]
        out.append((c["item"], lambda views, w=c["weight"]: views * w / total))
    return out


def rank(candidates):
    scored = []
    for item, score in scorers(candidates):
        scored.append((round(score(10), 6), item))
    return scored


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    cands = load_candidates(n)
    print("candidates:", len(cands))
    ranked = rank(cands)
    print("ranked:", len(ranked))
    best = 0.0
    total = 0.0
    for s, item in ranked:
        best = max(best, s)
        total += s
    print("best:", best)
    print("sum:", round(total, 4))


if __name__ == "__main__":
    main()
