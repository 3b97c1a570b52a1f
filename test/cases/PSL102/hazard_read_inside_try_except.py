"""Meter import: readings are parsed with plain int()/json.loads, and the import loop that
prints each reading sits in a try/except for bad input. Lazily, a bad reading would be
reported after the good ones before it were already printed."""
import contextlib
import json


def parse_readings(lines):  # expect: PSL102
    return [int(line.split(";")[1]) for line in lines]


def decode_events(blobs):  # expect: PSL102
    events = []
    for blob in blobs:
        events.append(json.loads(blob)["kind"])
    return events


def meter_totals(lines):  # expect: PSL102
    return [int(line.split(";")[1]) for line in lines]


def import_readings(lines, out):
    try:
        for value in parse_readings(lines):
            out.write(f"{value}\n")
    except (IndexError, ValueError):
        out.write("rejected\n")


def replay(blobs, sink):
    with contextlib.suppress(KeyError, json.JSONDecodeError):
        for kind in decode_events(blobs):
            sink.append(kind)


def total(lines):
    try:
        grand = sum(meter_totals(lines))
    except ValueError:
        grand = 0
    return grand
