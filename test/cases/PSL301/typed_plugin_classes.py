"""An image tool whose filters are installed from classes the caller passes in (`type[Filter]`).

The annotation names the class, so the back-reference is the store in its constructor — not the
call in the host, as for a class only known at run time.
"""
from __future__ import annotations

from typing import Type

Pixel = tuple[int, int, int]


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.pixels: list[list[Pixel]] = [[(0, 0, 0)] * width for _ in range(height)]
        self.filters: list[Filter] = []
        self.exporters: list[Exporter] = []

    def install(self, filter_cls: type[Filter], strength: float = 1.0) -> Filter:
        flt = filter_cls(self, strength)
        self.filters.append(flt)
        return flt

    def add_exporter(self, exporter_cls: Type["Exporter"]) -> None:
        self.exporters.append(exporter_cls(self))

    def preview(self, filter_cls: "type[Filter]") -> list[list[Pixel]]:
        # Built, used and dropped: nothing keeps this one.
        return filter_cls(self, 0.5).apply()


class Filter:
    def __init__(self, canvas: Canvas, strength: float) -> None:
        self.canvas = canvas  # expect: PSL301 "self.filters.append(flt)"
        self.strength = strength

    def apply(self) -> list[list[Pixel]]:
        return self.canvas.pixels


class Exporter:
    """Copies the size it needs and keeps no reference to the canvas."""

    def __init__(self, canvas: Canvas) -> None:
        self.size = (len(canvas.pixels[0]), len(canvas.pixels))

    def export(self, path: str) -> None:
        with open(path, "w") as fh:
            fh.write(f"{self.size[0]}x{self.size[1]}\n")
