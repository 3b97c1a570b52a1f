"""Retry planner: the loop over the due retries grows the retry list in place (`queue += [...]`),
and the audit trail is doubled in place before the sampled entries are read."""


def due_retries(queue, now):  # expect: PSL102
    return [job for job in queue if job["at"] <= now]


def sampled(trail):  # expect: PSL102
    return [entry for i, entry in enumerate(trail) if i % 10 == 0]


def scheduled(queue, now):  # expect: PSL102
    return [job for job in queue if job["at"] > now]


def plan(queue, now):
    attempts = 0
    for job in due_retries(queue, now):
        attempts += 1
        if job["tries"] < 3:
            queue += [{**job, "at": now, "tries": job["tries"] + 1}]
    return attempts


def audit(trail):
    picked = sampled(trail)
    trail *= 2
    return sum(1 for _ in picked)


def later(queue, now):
    # Only the counter grows here, not the input.
    count = 0
    for job in scheduled(queue, now):
        count += 1
    return count
