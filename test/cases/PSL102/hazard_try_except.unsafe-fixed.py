"""Sensor readings import: skip rows that fail to parse."""
import logging

log = logging.getLogger(__name__)


def parse_readings(rows):  # expect: PSL102
    for row in rows:
        try:
            yield (row["sensor"], float(row["value"]))
        except (KeyError, ValueError):
            continue


def average(rows):
    values = [value for _sensor, value in parse_readings(rows)]
    return sum(values) / max(len(values), 1)
