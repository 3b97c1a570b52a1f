"""A text editor built from parts; each part is handed the editor it belongs to."""
from __future__ import annotations


class UndoStack:
    def __init__(self, editor: "Editor", depth: int = 100) -> None:
        self.editor = editor  # expect: PSL301 "self.undo = UndoStack(self)"
        self.depth = depth
        self.stack: list[str] = []

    def push(self) -> None:
        self.stack.append(self.editor.text)
        del self.stack[: -self.depth]


class SearchBar:
    def __init__(self, editor: "Editor") -> None:
        self.editor = editor  # expect: PSL301 "self.search = SearchBar(self)"
        self.query = ""

    def find(self, query: str) -> int:
        self.query = query
        return self.editor.text.find(query)


class Plugin:
    def __init__(self, host: "Editor") -> None:
        self.host = host  # expect: PSL301


class StatusLine:
    """Reads the editor's name once; keeps nothing of it."""

    def __init__(self, editor: "Editor") -> None:
        self.text = f"{editor.name}: ready"


class Editor:
    def __init__(self, name: str) -> None:
        self.name = name
        self.text = ""
        self.undo = UndoStack(self)
        self.search = SearchBar(self)
        self.status = StatusLine(self)
        self.plugins: dict[str, Plugin] = {}
        plugin = Plugin(self)
        self.register("core", plugin)

    def register(self, name: str, plugin: Plugin) -> None:
        self.plugins[name] = plugin
