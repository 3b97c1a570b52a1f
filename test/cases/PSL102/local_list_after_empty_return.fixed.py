"""Retry planner: nothing to do for an empty queue, else the retryable jobs (déjà vu runs)."""
from __future__ import annotations
from collections.abc import Iterator


def retryable(jobs: list[dict], max_tries: int) -> Iterator[dict]:  # expect: PSL102
    if not jobs:
        return
    picked = (job for job in jobs if job["tries"] < max_tries and job["queue"] != "billing")
    yield from picked


def retry_budget_ms(jobs: list[dict]) -> int:
    return sum(job["ms"] for job in retryable(jobs, 3))
