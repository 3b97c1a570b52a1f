"""Widgets register with their parent container."""


class Widget:
    def __init__(self, parent: "Widget | None" = None) -> None:
        self.children: list[Widget] = []
        self.parent = parent
        if parent is not None:
            parent.children.append(self)
