"""Game-engine component stores and a hook table, emptied through their entries."""
from collections import defaultdict
from typing import Any, Callable

_components: dict[type, dict[int, Any]] = defaultdict(dict)
_tags: dict[str, set[int]] = {}
_hooks: dict[str, list[Callable]] = {}
_watchers: dict[str, list[Callable]] = {}  # expect: PSL204 "`_watchers`"


def attach(entity_id: int, component: Any) -> None:
    _components[type(component)][entity_id] = component


def tag(entity_id: int, name: str) -> None:
    _tags.setdefault(name, set()).add(entity_id)


def destroy(entity_id: int) -> None:
    for store in _components.values():
        store.pop(entity_id, None)
    for _name, members in _tags.items():
        members.discard(entity_id)


def on(event: str, fn: Callable) -> None:
    _hooks.setdefault(event, []).append(fn)


def off(event: str, fn: Callable) -> None:
    _hooks.get(event, []).remove(fn)


def watch(path: str, fn: Callable) -> None:
    _watchers.setdefault(path, []).append(fn)


def notify(path: str) -> None:
    for fn in _watchers.get(path, ()):
        fn(path)
