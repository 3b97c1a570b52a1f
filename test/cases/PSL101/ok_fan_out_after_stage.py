"""Sensor dashboard: the parsed readings feed several views, so they stay whole anyway."""
from typing import NamedTuple


class Reading(NamedTuple):
    sensor: str
    value: float


def parse_readings(lines):
    return [Reading(name, float(value)) for name, value in (line.split(":") for line in lines)]


def values(readings):
    return [r.value for r in readings]


def outliers(readings, limit):
    return [r for r in readings if abs(r.value) > limit]


def pairs(readings):
    return [(a.sensor, b.sensor) for a, b in zip(readings, readings[1:])]


def dashboard(lines, limit=3.0):
    readings = parse_readings(lines)
    mean = sum(values(readings)) / max(len(readings), 1)
    bad = outliers(readings, limit)
    for a, b in pairs(readings):
        print(a, b)
    return mean, bad
