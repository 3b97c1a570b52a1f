"""Render the daily revenue report as plain text lines."""
from dataclasses import dataclass


@dataclass
class Revenue:
    region: str
    net: float
    tax: float


def render_lines(items: list[Revenue]) -> list[str]:  # expect: PSL102
    return [f"{r.region:<12} {r.net:>10.2f} {r.tax:>8.2f}" for r in items]


def write_report(path: str, items: list[Revenue]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(render_lines(items)))
