"""Timed ETL step: a project decorator wraps the producer and passes its result through."""
import functools
import time


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            print(f"{fn.__name__} took {time.perf_counter() - started:.3f}s")
    return wrapper


@timed
def load_batches(paths):  # expect: PSL102
    batches = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            batches.append(fh.read().splitlines())
    return batches


def line_count(paths):
    return sum(len(batch) for batch in load_batches(paths))
