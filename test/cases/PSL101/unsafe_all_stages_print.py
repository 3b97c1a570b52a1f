"""Meter readings import: both stages report what they skip."""


def parse_readings(lines):
    readings = []
    for line in lines:
        meter, _, value = line.partition("=")
        if not value:
            print(f"skipping malformed line {line!r}")
            continue
        readings.append((meter.strip(), float(value)))
    return readings


def plausible(readings):
    kept = []
    for meter, value in readings:
        if value < 0:
            print(f"negative reading on {meter}")
            continue
        kept.append((meter, value))
    return kept


def import_readings(lines, store):
    for meter, value in plausible(parse_readings(lines)):  # expect: PSL101
        store.record(meter, value)
