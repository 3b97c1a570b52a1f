"""A canvas holds a GPU texture it must free."""
from ui.base import Widget


class Canvas(Widget):
    def __init__(self, parent: Widget, width: int, height: int) -> None:
        super().__init__(parent)
        self.texture = allocate_texture(width, height)

    def __del__(self) -> None:  # expect: PSL303 "Canvas.__del__"
        free_texture(self.texture)


def allocate_texture(width: int, height: int) -> int:
    return width * height


def free_texture(texture: int) -> None:
    pass
