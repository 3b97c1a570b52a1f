"""Synthetic load-test traffic: each scenario seeds its own generator; the jitter one is shared."""
import random

JITTER = random.Random(2024)


def synthetic_requests(n, seed):  # expect: PSL102
    rng = random.Random(seed)
    for i in range(n):
        yield {"id": i, "path": rng.choice(["/", "/cart", "/search"]), "bytes": rng.randint(200, 9000)}


def with_jitter(requests):  # expect: PSL102
    return ({**r, "delay_ms": JITTER.uniform(0, 25)} for r in requests)


def total_bytes(n, seed):
    return sum(r["bytes"] for r in synthetic_requests(n, seed))


def schedule(requests):
    delayed = with_jitter(requests)
    warmup = JITTER.uniform(100, 200)
    return warmup + sum(r["delay_ms"] for r in delayed)
