"""Plugin hot-reload: entries are replaced in place, never added at run time."""
import importlib
from collections import defaultdict
from types import ModuleType

PLUGINS: dict[str, ModuleType] = {}
_versions: dict[str, int] = {}
_hits = defaultdict(int)  # expect: PSL204 "`_hits`"
_last_error: dict[str, str] = {}  # expect: PSL204 "`_last_error`"


def register(module: ModuleType) -> None:
    PLUGINS[module.__name__] = module
    _versions[module.__name__] = 1


def reload_plugin(name: str) -> ModuleType:
    module = importlib.reload(PLUGINS[name])
    PLUGINS[name] = module
    _versions[name] = _versions[name] + 1
    return module


def count_hit(name: str) -> None:
    _hits[name] = _hits[name] + 1


def record_error(name: str, message: str) -> None:
    try:
        _last_error[name] += "; " + message
    except KeyError:
        _last_error[name] = message
