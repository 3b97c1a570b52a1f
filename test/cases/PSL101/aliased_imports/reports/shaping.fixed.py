def reshape(rows):
    for r in rows:
        yield (r["email"], r["plan"], r["mrr"])
