"""An expression compiler: visitors dispatch on the node class, formatters on the value's class and a format."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable


class Visitor:
    # (visitor class, node class) -> method: one entry per pair of classes, however many nodes.
    _dispatch: dict[tuple[type, type], Callable[..., Any]] = {}

    def visit(self, node: Any) -> Any:
        key = (type(self), type(node))
        method = self._dispatch.get(key)
        if method is None:
            method = getattr(type(self), f"visit_{type(node).__name__}", type(self).generic_visit)
            self._dispatch[key] = method
        return method(self, node)

    def generic_visit(self, node: Any) -> Any:
        raise NotImplementedError(type(node).__name__)


_coercions: dict[tuple[type, type], Callable[[Any], Any]] = {}
_renderers: dict[tuple[type, str], Callable[[Any], str]] = {}  # expect: PSL201 "`_renderers`"


def coerce(value: Any, target: type) -> Any:
    try:
        return _coercions[type(value), target.__class__](value)
    except KeyError:
        conv = _coercions[type(value), target.__class__] = _converter(type(value), target)
        return conv(value)


def render(value: Any, spec: str) -> str:
    # Format specs come from user templates (`{price:>12,.2f}`): any string at all.
    fn = _renderers.get((type(value), spec))
    if fn is None:
        fn = _renderers[type(value), spec] = _compile_spec(type(value), spec)
    return fn(value)


def _converter(source: type, target: type) -> Callable[[Any], Any]:
    if target is Decimal and source is float:
        return lambda v: Decimal(repr(v))
    return target


def _compile_spec(tp: type, spec: str) -> Callable[[Any], str]:
    return lambda v: format(v, spec)
