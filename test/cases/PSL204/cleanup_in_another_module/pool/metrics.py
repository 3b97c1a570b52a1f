"""Latency samples: appended on every query, never trimmed."""
from pool import registry


def record_latency(ms):
    registry._samples.append(ms)


def percentile(p):
    ordered = sorted(registry._samples)
    return ordered[int(len(ordered) * p)] if ordered else 0.0
