"""Event replay: the day's events are read from a gzipped JSON-lines dump, then filtered."""
from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

_replay_lock = threading.Lock()


def load_events(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        events = [json.loads(line) for line in fh]
    events = [e for e in events if e.get("type") != "heartbeat"]  # expect: PSL103 "built from `fh`"
    return events


def load_ids(path: Path) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        ids = {line.strip() for line in fh if line.strip()}
        ids = {i.lower() for i in ids}  # expect: PSL103
    return ids


def replay_order(names: list[str]) -> list[str]:
    # `_replay_lock` is no file: the names are small and owned by the caller.
    with _replay_lock as held:
        order = [n for n in names if held]
    order = [n.upper() for n in order]
    return order


def parse_flags(raw: str) -> list[str]:
    flags = [f for f in raw.split(",") if f]
    flags = [f.strip().lower() for f in flags]
    return flags
