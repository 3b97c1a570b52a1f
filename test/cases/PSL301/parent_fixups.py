"""Back-pointers added after the fact: AST parent links, deserialized trees, linked playlists."""
from __future__ import annotations

import ast
import json
from typing import Any, Optional


class ParentAnnotator(ast.NodeVisitor):
    """Gives every node a `.parent`, as linters and refactoring tools do before they walk up."""

    def generic_visit(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            child.parent = node  # expect: PSL301
        super().generic_visit(node)


def annotate(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node  # expect: PSL301
    return tree


class Folder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.children: list[Folder] = []
        self.parent: Optional[Folder] = None


def load_folders(path: str) -> list[Folder]:
    with open(path) as fh:
        raw: list[dict[str, Any]] = json.load(fh)
    folders = [Folder(entry["name"]) for entry in raw]
    for folder, entry in zip(folders, raw):
        folder.children = [folders[i] for i in entry["children"]]
    for folder in folders:
        for child in folder.children:
            child.parent = folder  # expect: PSL301
    return folders


class Track:
    def __init__(self, title: str) -> None:
        self.title = title
        self.next: Optional[Track] = None
        self.prev: Optional[Track] = None


def chain(tracks: list[Track]) -> Optional[Track]:
    for i in range(len(tracks) - 1):
        tracks[i].next = tracks[i + 1]
        tracks[i + 1].prev = tracks[i]  # expect: PSL301
    return tracks[0] if tracks else None


def chain_pairs(tracks: list[Track]) -> None:
    for a, b in zip(tracks, tracks[1:]):
        a.next = b
        b.prev = a  # expect: PSL301


def remember_previous(tracks: list[Track]) -> None:
    # Backwards only: each track knows the one before it, nothing points forward.
    for before, after in zip(tracks, tracks[1:]):
        after.prev = before


def unlink(track: Track) -> None:
    # Relinks neighbours that were already linked both ways: no new cycle here.
    if track.prev is not None:
        track.prev.next = track.next
    if track.next is not None:
        track.next.prev = track.prev
    track.prev = track.next = None


def lift(folder: Folder) -> None:
    for child in folder.children:
        child.parent = folder.parent
    folder.children = []
