"""Pure-Python signal and image helpers for the field-recorder toolkit."""
from __future__ import annotations

import array
import wave


def read_wav(path: str) -> tuple[list[int], int]:
    with wave.open(path, "rb") as w:
        rate = w.getframerate()
        frames = array.array("h", w.readframes(w.getnframes()))
    return frames.tolist(), rate


def read_table(path: str) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8") as fh:
        header, *body = [line.rstrip("\n").split("\t") for line in fh]
    return header, body


def normalize(path: str, peak: float = 0.9) -> list[int]:
    samples, rate = read_wav(path)
    top = max((abs(s) for s in samples), default=1) or 1
    samples = [round(s * peak * 32767 / top) for s in samples]  # expect: PSL103 "read_wav"
    return samples


def table_columns(path: str) -> list[str]:
    # The header of a table is a handful of names, even when the table is large.
    header, rows = read_table(path)
    header = [h.strip().lower() for h in header]
    return header + [str(len(rows))]


def step(particles, dt: float):
    particles = [(x + vx * dt, y + vy * dt, vx, vy) for x, y, vx, vy in particles]  # expect: PSL103 "particles"
    return particles


def invert(pixels: list[int]) -> list[int]:
    pixels = [255 - p for p in pixels]  # expect: PSL103
    return pixels


def scale_size(size: tuple[int, int], factor: float):
    width, height = size
    size = tuple(round(v * factor) for v in (width, height))
    return size
