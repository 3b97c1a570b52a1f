"""A dependency-injection container and an event hub: registries keyed by a type or an enum member."""
from __future__ import annotations

import enum
from typing import Any, Callable, TypeVar

T = TypeVar("T")
Factory = Callable[["Container"], Any]


class Topic(enum.Enum):
    ORDER_PLACED = "order.placed"
    ORDER_SHIPPED = "order.shipped"


_handlers: dict[Topic, Callable[[dict], None]] = {}
_audit: dict[tuple[str, type], Any] = {}  # expect: PSL204 "`_audit`"


def handles(topic: Topic) -> Callable[[Callable[[dict], None]], Callable[[dict], None]]:
    def attach(fn: Callable[[dict], None]) -> Callable[[dict], None]:
        # One handler per topic: a new registration replaces the old one.
        _handlers[topic] = fn
        return fn
    return attach


class Container:
    _providers: dict[type, Factory] = {}
    _singletons: dict[type, Any] = {}

    @classmethod
    def provide(cls, iface: type[T]) -> Callable[[Factory], Factory]:
        def bind(factory: Factory) -> Factory:
            cls._providers[iface] = factory
            return factory
        return bind

    def resolve(self, iface: type[T]) -> T:
        if iface not in self._singletons:
            self._singletons[iface] = self._providers[iface](self)
        return self._singletons[iface]

    def resolve_for_request(self, request_id: str, iface: type[T]) -> T:
        obj = self._providers[iface](self)
        # Every request id is new: one entry per request, for good.
        _audit[request_id, iface] = obj
        return obj
