"""Drawing pens attach to a screen they are given, share, or create: one back-reference."""
from __future__ import annotations


class Screen:
    def __init__(self, width: int = 640, height: int = 480) -> None:
        self.width = width
        self.height = height
        self.pens: list[Pen] = []

    def redraw(self) -> None:
        for pen in self.pens:
            pen.draw()


class Pen:
    def __init__(self, target: Screen | Pen | None = None, colour: str = "black") -> None:
        self.colour = colour
        self.path: list[tuple[float, float]] = []
        self.cursors: list[Cursor] = []
        if isinstance(target, Screen):
            self.screen = target  # expect: PSL301 "self.screen.pens.append(self)"
        elif isinstance(target, Pen):
            self.screen = target.screen
        else:
            self.screen = Screen()
        self.screen.pens.append(self)

    def line_to(self, x: float, y: float) -> None:
        self.path.append((x, y))

    def draw(self) -> None:
        print(self.colour, self.path)


class Cursor:
    """Two attributes, two back-references: each is reported."""

    def __init__(self, screen: Screen, owner: Pen) -> None:
        self.screen = screen  # expect: PSL301
        self.owner = owner  # expect: PSL301
        screen.pens.append(self)
        owner.cursors.append(self)
