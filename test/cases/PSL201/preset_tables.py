"""Photo export presets: lookup tables built per preset value, and per user-chosen quality."""
from __future__ import annotations

PRESETS = {"web": 0.8, "print": 1.0, "archive": 1.2}
LEVELS = {"draft": 40, "standard": 75, "best": 95}

_gamma_tables: dict[float, list[int]] = {}
_quant_tables: dict[int, list[int]] = {}  # expect: PSL201 "`_quant_tables`"


def gamma_table(gamma: float) -> list[int]:
    if gamma not in _gamma_tables:
        _gamma_tables[gamma] = [min(255, round(255 * (i / 255) ** gamma)) for i in range(256)]
    return _gamma_tables[gamma]


def quant_table(quality: int) -> list[int]:
    table = _quant_tables.get(quality)
    if table is None:
        table = _quant_tables[quality] = [max(1, (100 - quality) * i // 50) for i in range(64)]
    return table


def export(pixels: list[int], preset: str, level: str) -> list[int]:
    gamma = gamma_table(PRESETS[preset])
    quant = quant_table(LEVELS[level])
    return [gamma[p] // quant[i % 64] for i, p in enumerate(pixels)]


def export_custom(pixels: list[int], quality: int) -> list[int]:
    # The quality comes from a slider: any integer the user picks.
    quant = quant_table(quality)
    return [p // quant[i % 64] for i, p in enumerate(pixels)]
