"""Widgets that take callbacks as options and fall back to one of their own methods."""
from __future__ import annotations

from typing import Any, Callable, Optional


class Slider:
    def __init__(self, master: Any = None, **options: Any) -> None:
        self.master = master
        self.value = float(options.pop("value", 0.0))
        self.command: Callable[[float], None] = options.pop("command", self._announce)  # expect: PSL302 "bound method of `self`"
        self.on_error = options.get("on_error", self._report)  # expect: PSL302
        self.label = options.get("label", "value")
        self.style = options.setdefault("style", {})

    def _announce(self, value: float) -> None:
        print(f"{self.label}: {value:.2f}")

    def _report(self, exc: BaseException) -> None:
        print(f"slider error: {exc}")


class Toggle:
    """Callbacks only come from the caller: nothing of `self` is stored."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.on_change: Optional[Callable[[bool], None]] = options.get("on_change")
        self.color = options.pop("color", None)
        self.state = bool(options.get("state", False))

    def flip(self) -> None:
        self.state = not self.state
        if self.on_change is not None:
            self.on_change(self.state)
