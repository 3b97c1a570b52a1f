"""Serializers looked up per Python class: one entry per class the program uses."""
from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any, Callable

_encoders: dict[type, Callable[[Any], Any]] = {}
_by_path: dict[str, Callable[[Any], Any]] = {}  # expect: PSL201 "`_by_path`"


def encoder_for(tp: type) -> Callable[[Any], Any]:
    try:
        return _encoders[tp]
    except KeyError:
        enc = _encoders[tp] = _build_encoder(tp)
        return enc


def encoder_at(dotted_path: str) -> Callable[[Any], Any]:
    # Paths arrive from request payloads: any string at all.
    enc = _by_path.get(dotted_path)
    if enc is None:
        module, _, name = dotted_path.rpartition(".")
        enc = _by_path[dotted_path] = getattr(__import__(module), name)
    return enc


@functools.lru_cache(maxsize=None)
def field_names(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))


def _build_encoder(tp):
    if dataclasses.is_dataclass(tp):
        names = field_names(tp)
        return lambda obj: {n: getattr(obj, n) for n in names}
    return str


def dumps(obj) -> str:
    return json.dumps(encoder_for(type(obj))(obj))
