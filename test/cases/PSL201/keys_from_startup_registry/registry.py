"""Plugins named in the config, imported once when the program starts."""
import importlib
from types import ModuleType

PLUGINS: dict[str, ModuleType] = {}
SESSIONS: dict[str, object] = {}


def load_plugins(cfg: dict) -> None:
    for name in cfg["plugins"]:
        PLUGINS[name] = importlib.import_module(name)


def open_session(token: str, session: object) -> None:
    SESSIONS[token] = session
