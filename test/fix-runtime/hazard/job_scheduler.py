"""Cron-like scheduler tick: pick the jobs that are due, run them (a one-shot job removes
itself from the queue, a recurring one is re-armed), and admit API calls through a token bucket
that the admission filter itself drains.

Usage: python3 job_scheduler.py [N]
"""
import sys


class Job:
    def __init__(self, name, next_run, interval):
        self.name = name
        self.next_run = next_run
        self.interval = interval


class TokenBucket:
    def __init__(self, capacity):
        self.tokens = capacity

    def take(self):
        if self.tokens > 0:
            self.tokens -= 1
            return True
        return False


def build_queue(n):
    queue = {}
    for i in range(n):
        queue[f"job-{i}"] = Job(f"job-{i}", i % 50, 0 if i % 4 == 0 else 10 + i % 7)
    return queue


def due_jobs(queue, now):
    due = []
    for job in queue.values():
        if job.next_run <= now:
            due.append(job)
    return due


def admitted(requests, bucket):
    allowed = []
    for req in requests:
        if bucket.take():
            allowed.append(req)
    return allowed


def tick(queue, now):
    ran = 0
    for job in due_jobs(queue, now):
        ran += 1
        if job.interval == 0:
            del queue[job.name]
        else:
            job.next_run = now + job.interval
    return ran


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    queue = build_queue(n)
    for now in range(0, 60, 10):
        print(f"t={now} ran={tick(queue, now)} left={len(queue)}")
    bucket = TokenBucket(n // 3)
    served = 0
    for req in admitted(range(n), bucket):
        served += req % 3
        if req % 100 == 0:
            print(f"req {req}: tokens left {bucket.tokens}")
    print("served", served)


if __name__ == "__main__":
    main(sys.argv)
