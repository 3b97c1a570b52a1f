"""Message consumer with handler tables and bound-method callbacks."""
import functools
import json
import logging
import weakref
from typing import Callable

log = logging.getLogger(__name__)


class Consumer:
    def __init__(self, queue_name: str) -> None:
        self.queue_name = queue_name
        self.on_message = self.handle_message  # expect: PSL302 "bound method of `self`"
        # expect: PSL302
        self.handlers: dict[str, Callable] = {
            "order.created": self.order_created,
            "order.cancelled": self.order_cancelled,
        }
        self.retry = functools.partial(self._deliver, attempts=3)  # expect: PSL302 "captures `self`"
        self.parse = json.loads
        self.name_of_handler = self.handle_message.__name__
        self.weak_callback = weakref.WeakMethod(self.handle_message)
        self.hooks: list[Callable] = []

    def install_default_hooks(self) -> None:
        self.hooks.append(self.audit)  # expect: PSL302
        self.hooks.append(log.info)
        self.hooks.append(lambda body: log.debug("body=%r", body))

    def handle_message(self, body: bytes) -> None:
        event = self.parse(body)
        handler = self.handlers.get(event["type"])
        if handler is not None:
            handler(event)

    def order_created(self, event: dict) -> None:
        log.info("created %s", event["id"])

    def order_cancelled(self, event: dict) -> None:
        log.info("cancelled %s", event["id"])

    def audit(self, body: bytes) -> None:
        log.debug("audit %d bytes", len(body))

    def _deliver(self, body: bytes, attempts: int) -> None:
        for _ in range(attempts):
            self.handle_message(body)

    @property
    def label(self) -> str:
        return f"consumer:{self.queue_name}"

    def describe(self) -> dict:
        # Locals die with the call: no cycle.
        callback = self.handle_message
        title = self.label
        return {"callback": callback.__name__, "title": title}


class AttrDict(dict):
    """The classic attribute-access dict makes itself its own __dict__."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.__dict__ = self  # expect: PSL302 "stores `self` inside itself"


class Settings:
    def __init__(self, values: dict) -> None:
        self.values = values
        self.root = self  # expect: PSL302 "stores `self` inside itself"
        self.defaults = dict(values)

    def sorted_keys(self) -> list[str]:
        return sorted(self.values, key=self.rank)

    def rank(self, key: str) -> int:
        return len(key)


class Leaderboard:
    """Regression: `key=` of sorted() is called during the sort, not kept in the result."""

    def __init__(self, scores: dict[str, int]) -> None:
        self.scores = scores
        self.ranking = sorted(scores, key=self.score_of, reverse=True)
        self.best = max(scores, key=self.score_of, default=None)

    def score_of(self, name: str) -> int:
        return self.scores[name]
