"""Job digest: a producer that returns early with an empty list, else a list it built first.

Run: python3 job_digest.py N
"""
from __future__ import annotations

import sys


def make_jobs(n: int) -> list[dict]:
    jobs = []
    for i in range(n):
        jobs.append({"id": i, "queue": ("mail", "thumbs", "billing")[i % 3], "tries": i % 5, "ms": (i * 71) % 900})
    return jobs


def retryable(jobs: list[dict], max_tries: int) -> list[dict]:
    if not jobs:
        return []
    picked = [j for j in jobs if j["tries"] < max_tries and j["queue"] != "billing"]
    return picked


def slow_ids(jobs: list[dict], limit_ms: int) -> list[int]:
    if limit_ms <= 0:
        return []
    slow = [j["id"] for j in jobs if j["ms"] > limit_ms]
    return slow


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    jobs = make_jobs(n)
    total_ms = sum(j["ms"] for j in retryable(jobs, 3))
    print(f"retryable total ms: {total_ms}")
    print(f"slow: {sum(1 for _ in slow_ids(jobs, 800))}, empty: {sum(1 for _ in retryable([], 3))}")
    print("first slow:", ",".join(str(i) for i in slow_ids(jobs, 850))[:60])


if __name__ == "__main__":
    main()
