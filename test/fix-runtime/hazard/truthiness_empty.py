"""Job scheduler tick: for each queue, find the runnable jobs and skip the queue when there
are none. A generator is always truthy, so the emptiness test would stop working.

Usage: python3 truthiness_empty.py [N]
"""
import sys

QUEUES = ["default", "email", "reports", "exports", "webhooks"]


def queue_jobs(queue, n):
    for i in range(n):
        yield {"id": f"{queue}-{i}", "state": "ready" if (queue != "reports" and i % 3 == 0) else "waiting",
               "attempts": i % 4}


def runnable(jobs):
    ready = []
    for job in jobs:
        if job["state"] == "ready" and job["attempts"] < 3:
            ready.append(job["id"])
    return ready


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    for queue in QUEUES:
        jobs = runnable(queue_jobs(queue, n if queue != "exports" else 0))
        if not jobs:
            print(f"{queue}: idle")
            continue
        started = 0
        for job_id in jobs:
            started += 1
        print(f"{queue}: started {started}")


if __name__ == "__main__":
    main(sys.argv)
