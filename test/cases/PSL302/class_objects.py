"""Plugin registry and model helpers that attach callables to classes, not instances.

A class is in reference cycles of its own (its __mro__ holds it), so a function stored on a
class that captures the class makes no cycle the collector was not needed for already.
"""
from __future__ import annotations

import functools


def with_repr(*fields: str):
    """Class decorator: a __repr__ built from the named fields."""

    def decorator(cls):
        def __repr__(self):
            values = ", ".join(f"{name}={getattr(self, name)!r}" for name in fields)
            return f"{cls.__name__}({values})"

        cls.__repr__ = __repr__
        return cls

    return decorator


class Plugin:
    registry: dict[str, type[Plugin]] = {}

    def __init_subclass__(cls, name: str = "", **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry[name or cls.__name__.lower()] = cls
        cls.describe = lambda: f"plugin {cls.__name__}"

    @classmethod
    def configure(cls, **options):
        cls.make = functools.partial(cls, **options)
        return cls


class Meta(type):
    def __new__(mcs, name, bases, namespace):
        made = super().__new__(mcs, name, bases, namespace)
        made.rebuild = lambda: mcs(name, bases, dict(namespace))
        return made


@with_repr("host", "port")
class Endpoint(Plugin, name="endpoint"):
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.on_close = None

    def watch(self) -> None:
        # An instance keeping its own bound method is still a cycle.
        self.on_close = self.close  # expect: PSL302

    def close(self) -> None:
        self.on_close = None
