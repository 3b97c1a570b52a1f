"""A playlist kept as a doubly linked list, and a singly linked undo stack."""
from dataclasses import dataclass
from typing import Any, Optional


class _Track:
    __slots__ = ("title", "prev", "next")

    def __init__(self, title: str) -> None:
        self.title = title
        self.prev: Optional["_Track"] = None
        self.next: Optional["_Track"] = None


class Playlist:
    def __init__(self) -> None:
        self.head: Optional[_Track] = None
        self.tail: Optional[_Track] = None
        self._size = 0

    def append(self, title: str) -> _Track:
        track = _Track(title)
        if self.tail is None:
            self.head = self.tail = track
        else:
            track.prev = self.tail  # expect: PSL301 "self.tail.next = track"
            self.tail.next = track
            self.tail = track
        self._size += 1
        return track

    def insert_after(self, anchor: _Track, title: str) -> _Track:
        track = _Track(title)
        track.prev = anchor  # expect: PSL301 "anchor.next = track"
        track.next = anchor.next
        if anchor.next is not None:
            anchor.next.prev = track  # expect: PSL301 "track.next = anchor.next"
        anchor.next = track
        return track

    def remove(self, track: _Track) -> None:
        # Relinking the neighbours of an existing node: the cycle was built by append().
        if track.prev is not None:
            track.prev.next = track.next
        if track.next is not None:
            track.next.prev = track.prev
        track.prev = track.next = None
        self._size -= 1


@dataclass
class UndoEntry:
    action: str
    payload: Any
    below: Optional["UndoEntry"] = None


class UndoStack:
    def __init__(self) -> None:
        self.top: Optional[UndoEntry] = None

    def push(self, action: str, payload: Any) -> None:
        entry = UndoEntry(action, payload)
        entry.below = self.top
        self.top = entry

    def pop(self) -> Optional[UndoEntry]:
        entry = self.top
        if entry is not None:
            self.top = entry.below
            entry.below = None
        return entry


def reverse(head: Optional[_Track]) -> Optional[_Track]:
    prev = None
    node = head
    while node is not None:
        following = node.next
        node.next = prev
        prev = node
        node = following
    return prev


def rotate_left(root):
    pivot = root.right
    root.right = pivot.left
    pivot.left = root
    return pivot


class _Leaf:
    def __init__(self, key: int) -> None:
        self.key = key
        self.left: "_Leaf | None" = None
        self.right: "_Leaf | None" = None


class SearchTree:
    """Regression: a branch that returns must not leak its stores into the code after it."""

    def __init__(self) -> None:
        self.root: _Leaf | None = None

    def insert(self, key: int) -> None:
        leaf = _Leaf(key)
        if self.root is None:
            self.root = leaf
            return
        cur = self.root
        while True:
            if key < cur.key:
                if cur.left is None:
                    cur.left = leaf
                    return
                cur = cur.left
            else:
                if cur.right is None:
                    cur.right = leaf
                    return
                cur = cur.right
