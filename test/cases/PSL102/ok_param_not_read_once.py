"""The consumer walks its argument twice, so the producer must stay a list."""


def pending_jobs(queue):
    return [job for job in queue if job["state"] == "pending"]


def schedule(jobs):
    first = [j for j in jobs if j["priority"] == "high"]
    rest = [j for j in jobs if j["priority"] != "high"]
    return first + rest


def plan(queue):
    return schedule(pending_jobs(queue))
