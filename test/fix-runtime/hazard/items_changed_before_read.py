"""Ward simulation: pick the patients to discharge, then update the ward before acting on them.
The producers filter on `p.state`; the caller changes the states of the same patient objects
(through a loop over a slice, and over another producer's result) before it reads the lists, so
lazily filtered results would pick different patients.

Usage: python3 items_changed_before_read.py [N]
"""
import sys
from dataclasses import dataclass


@dataclass
class Patient:
    ident: int
    ward: str
    state: str
    days: int


def admit(n):
    patients = []
    for i in range(n):
        patients.append(Patient(i, ("A", "B", "C")[i % 3], ("ill", "stable", "recovered")[(i * 7) % 3], (i * 13) % 12))
    return patients


def recovered(patients):
    return [p for p in patients if p.state == "recovered"]


def stable_long_stay(patients, days):
    picked = []
    for p in patients:
        if p.state == "stable" and p.days >= days:
            picked.append(p)
    return picked


def day_round(patients):
    to_discharge = stable_long_stay(patients, 8)
    # the round first signs off the recovered ones...
    for p in recovered(patients):
        p.state = "discharged"
    # ...and re-assesses the first ward's stable patients
    for p in patients[: len(patients) // 3]:
        if p.state == "stable":
            p.state = "recovered"
    moved = 0
    for p in to_discharge:
        p.ward = "home"
        moved += 1
    return moved


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 1000
    patients = admit(n)
    print(f"discharged after long stay: {day_round(patients)}")
    ready = recovered(patients)
    patients[0].state = "recovered"
    for p in patients[1::2]:
        p.state = "ill"
    print(f"ready: {sum(1 for _ in ready)}")
    print("home:", sum(1 for p in patients if p.ward == "home"))


if __name__ == "__main__":
    main(sys.argv)
