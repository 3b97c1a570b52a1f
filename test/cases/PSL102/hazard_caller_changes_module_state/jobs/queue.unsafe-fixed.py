"""In-process job queue shared by the scheduler and the worker loop."""
import time

PENDING = []


def submit(name, run_at):
    PENDING.append({"name": name, "run_at": run_at})


def mark_done(job):
    # A lazy `due_jobs` would still be iterating `PENDING` when this removes from it.
    PENDING.remove(job)


def due_jobs(now=None):  # expect: PSL102
    now = time.time() if now is None else now
    for job in PENDING:
        if job["run_at"] <= now:
            yield job


def job_names():  # expect: PSL102
    return (job["name"] for job in PENDING)
