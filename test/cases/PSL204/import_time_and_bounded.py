"""Plugin registries filled once at import, weak registries, bounded buffers, and removal paths."""
import weakref
from collections import deque
from dataclasses import dataclass, field

from pydantic import BaseModel

from chat import transport

EXPORTERS = {}
_COMMANDS = {}
_handlers_by_event = {}
_filters = []
_codecs = {}
_sessions = weakref.WeakSet()
_bots = weakref.WeakValueDictionary()
_owners = weakref.WeakKeyDictionary()
_recent = deque(maxlen=200)
_last_seen = deque([], 500)
_subscribers = []
_workers = []
_buffer = []
_pool = []
_shared_stats = {}
_STATUS_NAMES = {}
__all__ = ["register", "command"]


def register(name):
    def decorator(cls):
        EXPORTERS[name] = cls
        return cls

    return decorator


def command(fn):
    _COMMANDS[fn.__name__] = fn
    return fn


@register("csv")
class CsvExporter:
    pass


@register("json")
class JsonExporter:
    pass


@command
def help_command(args):
    return "usage: ..."


def on(event, handler):
    _handlers_by_event.setdefault(event, []).append(handler)


on("join", print)
on("leave", print)


def _load_filters():
    for word in ("spam", "scam"):
        _filters.append(word)


_load_filters()

for _code in ("utf-8", "latin-1"):
    _codecs[_code] = _code.upper()


class Session:
    def __init__(self, user):
        self.user = user
        _sessions.add(self)


def subscribe(callback):
    _subscribers.append(callback)


def unsubscribe(callback):
    _subscribers.remove(callback)


class Worker:
    def __init__(self):
        _workers.append(self)

    def close(self):
        _workers.remove(self)


def log_line(line: str) -> None:
    _buffer.append(line)
    if len(_buffer) >= 1000:
        transport.flush(_buffer)
        _buffer.clear()


def remember(user: str) -> None:
    _recent.append(user)
    _last_seen.append(user)


def lease(conn) -> None:
    _pool.append(conn)
    transport.watch(_pool)


def record(key: str, value: int) -> None:
    _shared_stats[key] = value


_error_counts = {"4xx": 0, "5xx": 0}


def count_error(status: int) -> None:
    _error_counts["5xx" if status >= 500 else "4xx"] += 1
    _error_counts[f"{status // 100}xx"] += 1


def status_name(code: int) -> str:
    _STATUS_NAMES["ok"] = "OK"
    return _STATUS_NAMES.get(code, "unknown")


class Plugin:
    registry = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry.append(cls)


class Channel:
    members = []

    def __init__(self):
        self.members = []

    def join(self, user):
        self.members.append(user)


@dataclass
class Room:
    users: list = field(default_factory=list)

    def add(self, user):
        self.users.append(user)


class RoomSettings(BaseModel):
    moderators: list[str] = []

    def promote(self, user):
        self.moderators.append(user)


def stats_reset():
    global _shared_stats
    _shared_stats = {}


class EventBus:
    _handlers = []

    def subscribe(self, fn):
        self._handlers.append(fn)
        return fn


class Router:
    _routes = []

    def route(self, path):
        def decorator(view):
            self._routes.append((path, view))
            return view

        return decorator


bus = EventBus()
router = Router()


@bus.subscribe
def on_start():
    pass


@router.route("/rooms")
def list_rooms():
    return []
