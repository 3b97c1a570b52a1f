"""Event records; `stream` is the name of the stream an event belongs to."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    stream: str
    kind: str
    payload: dict
    version: int
