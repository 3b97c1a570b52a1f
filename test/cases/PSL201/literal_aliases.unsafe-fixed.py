"""Resampling helpers for the audio pipeline; parameter types are spelled through aliases."""
import functools
import math
from typing import Literal, TypeAlias

Window = Literal["hann", "hamming", "rect"]
Quality: TypeAlias = Literal["draft", "final"]
TrackId = str

TAPS = 64


@functools.lru_cache(maxsize=None)
def window(kind: Window) -> tuple[float, ...]:
    if kind == "rect":
        return (1.0,) * TAPS
    a = 0.5 if kind == "hann" else 0.54
    return tuple(a - (1 - a) * math.cos(2 * math.pi * n / (TAPS - 1)) for n in range(TAPS))


@functools.cache
def filter_order(quality: Quality, stereo: bool) -> int:
    return (8 if quality == "draft" else 32) * (2 if stereo else 1)


_gains: dict[str, float] = {}  # expect: PSL201 "`_gains`"


@functools.lru_cache(maxsize=1024)  # expect: PSL201
def loudness(track: TrackId) -> float:
    return float(len(track))


def gain_for(track: TrackId, target_lufs: float = -16.0) -> float:
    gain = _gains.get(track)
    if gain is None:
        gain = _gains[track] = target_lufs - loudness(track)
    return gain


_kernels: dict[str, list[float]] = {}


def kernel(quality: Quality) -> list[float]:
    taps = _kernels.get(quality)
    if taps is None:
        taps = _kernels[quality] = [1.0 / filter_order(quality, False)] * filter_order(quality, False)
    return taps
