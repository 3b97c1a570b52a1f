"""Worker loop: runs what is due and takes it off the queue."""
from .queue import due_jobs, job_names, mark_done


def run_due(handlers, now):
    done = 0
    for job in due_jobs(now):
        handlers[job["name"]]()
        mark_done(job)
        done += 1
    return done


def status():
    for name in job_names():
        print("queued:", name)
