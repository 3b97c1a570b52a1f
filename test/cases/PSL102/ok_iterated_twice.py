"""Stats over measurements: two passes over the same list."""


def measurements(rows):
    return [float(r["value"]) for r in rows]


def mean_and_spread(rows):
    values = measurements(rows)
    mean = sum(values) / 10
    spread = max(abs(v - mean) for v in values)
    return mean, spread
