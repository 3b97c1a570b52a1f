"""Batch job scheduler: pick runnable jobs, adjust quotas, dispatch; a seeded RNG breaks ties.
Each producer reads state the caller changes before or while it reads the result: the quota on
`self`, the shared `random.Random` (the caller draws from it in between), and `PRIORITY_FLOOR`,
a global rebound by `escalate` (while it iterates) and by `main` (before it reads).

Usage: python3 shared_state_changes.py [N]
"""
import random
import sys

PRIORITY_FLOOR = 3


class Scheduler:
    def __init__(self, n, seed):
        self.rng = random.Random(seed)
        self.quota = 40
        self.jobs = [{"id": i, "prio": (i * 7) % 10, "cost": 1 + (i * 13) % 9, "owner": f"team{i % 6}"} for i in range(n)]

    def affordable(self):
        return [j for j in self.jobs if j["cost"] <= self.quota // 5]

    def urgent(self):
        out = []
        for j in self.jobs:
            if j["prio"] >= PRIORITY_FLOOR:
                out.append(j["id"])
        return out

    def dispatch(self):
        batch = self.affordable()
        self.quota = 20
        return sum(1 for _ in batch)


def shuffled_owners(jobs, rng):
    picks = []
    for j in jobs:
        if rng.random() < 0.5:
            picks.append(j["owner"])
    return picks


def escalate(job_ids):
    global PRIORITY_FLOOR
    seen = 0
    for _ in job_ids:
        seen += 1
        if seen == 10:
            PRIORITY_FLOOR = 8
    return seen


def main(argv):
    global PRIORITY_FLOOR
    n = int(argv[1]) if len(argv) > 1 else 2000
    sched = Scheduler(n, 11)
    print("dispatched:", sched.dispatch())
    owners = shuffled_owners(sched.jobs, sched.rng)
    tie_break = sched.rng.random()
    print(f"owners picked: {sum(1 for _ in owners)} tie={tie_break:.6f}")
    print("urgent seen:", escalate(sched.urgent()))
    PRIORITY_FLOOR = 3
    pending = sched.urgent()
    PRIORITY_FLOOR = 9
    print("urgent pending:", sum(1 for _ in pending))


if __name__ == "__main__":
    main(sys.argv)
