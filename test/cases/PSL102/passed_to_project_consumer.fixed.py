"""Audit export: load audit events and write them to the archive sink."""
import json


def load_events(lines):  # expect: PSL102
    for line in lines:
        event = json.loads(line)
        if event.get("kind") == "heartbeat":
            continue
        yield event


def archive(events, sink):
    for event in events:
        sink.write(json.dumps(event, sort_keys=True) + "\n")


def run(lines, sink):
    archive(load_events(lines), sink)
