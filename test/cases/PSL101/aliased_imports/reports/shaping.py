def reshape(rows):
    out = []
    for r in rows:
        out.append((r["email"], r["plan"], r["mrr"]))
    return out
