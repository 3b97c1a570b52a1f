"""Price feed observers: each observer keeps the feed it was attached to."""
from __future__ import annotations

import logging
from typing import Optional

log = logging.getLogger(__name__)


class Display:
    def __init__(self, feed: "PriceFeed", symbol: str) -> None:
        self.symbol = symbol
        self.feed = feed  # expect: PSL301 "feed.attach(self)"
        self.last: Optional[float] = None
        feed.attach(self)

    def update(self, symbol: str, price: float) -> None:
        if symbol == self.symbol:
            self.last = price


class AuditLog:
    """Remembers the feed's name only."""

    def __init__(self, feed: "PriceFeed") -> None:
        self.feed_name = feed.name
        self.lines: list[str] = []
        feed.attach(self)

    def update(self, symbol: str, price: float) -> None:
        self.lines.append(f"{self.feed_name} {symbol} {price}")


class PriceFeed:
    def __init__(self, name: str) -> None:
        self.name = name
        self._observers: list = []

    def attach(self, observer) -> None:
        self._observers.append(observer)

    def publish(self, symbol: str, price: float) -> None:
        for obs in self._observers:
            obs.update(symbol, price)
