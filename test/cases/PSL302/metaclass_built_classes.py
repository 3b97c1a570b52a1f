"""Model metaclass and dynamic record classes: callables attached to the class being built.

`super().__new__(mcls, name, bases, namespace)` and `type(name, bases, namespace)` return a
class, which is in reference cycles of its own already; an instance made by `__new__` is not.
"""
from __future__ import annotations

from typing import Any


class ModelMeta(type):
    models: dict[str, type] = {}

    def __new__(mcls, name, bases, namespace, **kwargs):
        model = super().__new__(mcls, name, bases, namespace, **kwargs)
        fields = [k for k, v in namespace.items() if not k.startswith("_") and not callable(v)]
        model._fields = fields
        model.describe = lambda: f"{model.__name__}({', '.join(fields)})"
        model._default_manager = model
        mcls.models[name] = model
        return model


class ABCModelMeta(type):
    def __new__(meta, name, bases, namespace):
        cls = type.__new__(meta, name, bases, namespace)
        cls.clone = lambda **changes: cls(**changes)
        return cls


def record_type(name: str, *columns: str) -> type:
    """A lightweight row class, built at run time from column names."""

    def __init__(self, *values: Any) -> None:
        for column, value in zip(columns, values):
            setattr(self, column, value)

    Row = type(name, (), {"__init__": __init__, "__slots__": columns})
    Row.from_dict = staticmethod(lambda d: Row(*(d[c] for c in columns)))
    return Row


class Singleton:
    _instance = None

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        # An instance, not a class: keeping itself is a cycle.
        obj.self_ref = obj  # expect: PSL302
        return obj
