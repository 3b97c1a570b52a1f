"""Token and timeline chains built in one loop: the previous item is carried to the next pass.

`prev.next = tok; tok.prev = prev; prev = tok` links each token to the one built in the
previous iteration both ways. Chains linked in one direction only are not cycles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

WORD = re.compile(r"\w+|[^\w\s]")


class Token:
    __slots__ = ("text", "offset", "prev", "next")

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.offset = offset
        self.prev: Optional[Token] = None
        self.next: Optional[Token] = None


def tokenize(text: str) -> Optional[Token]:
    """A doubly linked token stream, so rules can look both ways."""
    head: Optional[Token] = None
    last: Optional[Token] = None
    for match in WORD.finditer(text):
        tok = Token(match.group(), match.start())
        if last is None:
            head = tok
        else:
            last.next = tok
            tok.prev = last  # expect: PSL301 "last.next = tok"
        last = tok
    return head


@dataclass
class Event:
    name: str
    at: float
    earlier: Optional["Event"] = None
    later: Optional["Event"] = None


def timeline(rows: Iterator[tuple[str, float]]) -> list[Event]:
    events: list[Event] = []
    previous = None
    while True:
        row = next(rows, None)
        if row is None:
            break
        event = Event(*row)
        if previous is not None:
            event.earlier = previous
            previous.later = event  # expect: PSL301 "event.earlier = previous"
        events.append(event)
        previous = event
    return events


def stack_tokens(words: Iterable[str]) -> Optional[Token]:
    """Singly linked, newest first: each token points at the older one only."""
    top: Optional[Token] = None
    for i, word in enumerate(words):
        tok = Token(word, i)
        tok.next = top
        top = tok
    return top


def history(names: list[str]) -> list[Event]:
    """Each event remembers the one before it; nothing points forward."""
    out: list[Event] = []
    before: Optional[Event] = None
    for i, name in enumerate(names):
        ev = Event(name, float(i), earlier=before)
        out.append(ev)
        before = ev
    return out


def chunks(lines: Iterable[str], size: int) -> list[list[str]]:
    batch: list[str] = []
    done: list[list[str]] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            done.append(batch)
            batch = []
    if batch:
        done.append(batch)
    return done
