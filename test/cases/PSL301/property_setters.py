"""A property setter runs on `obj.prop = value`: what it keeps decides whether there is a cycle."""
import weakref


class TreeItem:
    def __init__(self, text: str) -> None:
        self.text = text
        self._parent: "TreeView | None" = None

    @property
    def parent(self) -> "TreeView | None":
        return self._parent

    @parent.setter
    def parent(self, view: "TreeView | None") -> None:
        self._parent = view  # expect: PSL301 "self.items.append(item)"


class TreeView:
    def __init__(self) -> None:
        self.items: list[TreeItem] = []

    def insert(self, item):
        item.parent = self
        self.items.append(item)


class Tab:
    def __init__(self, title: str) -> None:
        self.title = title
        self._window = None

    @property
    def window(self):
        return self._window() if self._window is not None else None

    @window.setter
    def window(self, value) -> None:
        # Weak: the tab does not keep its window alive.
        self._window = weakref.ref(value)


class Window:
    def __init__(self) -> None:
        self.tabs: list[Tab] = []

    def open_tab(self, title: str) -> Tab:
        tab = Tab(title)
        tab.window = self
        self.tabs.append(tab)
        return tab
