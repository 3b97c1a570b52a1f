"""Ward round: choose who to discharge, update the ward, then act on the choice."""
from dataclasses import dataclass


@dataclass
class Patient:
    ident: int
    state: str
    days: int
    ward: str = "A"


def recovered(patients):  # expect: PSL102
    return (p for p in patients if p.state == "recovered")


def stable_long_stay(patients, days):  # expect: PSL102
    for p in patients:
        if p.state == "stable" and p.days >= days:
            yield p


def day_round(patients):
    to_discharge = stable_long_stay(patients, 8)
    for p in recovered(patients):
        p.state = "discharged"
    moved = 0
    for p in to_discharge:
        p.ward = "home"
        moved += 1
    return moved


def ready_count(patients):
    ready = recovered(patients)
    patients[0].state = "recovered"
    return sum(1 for _ in ready)
