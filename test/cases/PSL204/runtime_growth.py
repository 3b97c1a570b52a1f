"""A chat server: connection registries, listener lists and logs that only ever grow."""
import collections
from collections import defaultdict, deque
from dataclasses import dataclass

from chat import transport

_connections = []  # expect: PSL204 "Module-level list `_connections` grows at run time (in `Connection.__init__`)"
_listeners = []  # expect: PSL204 "`subscribe`"
_audit_log = []  # expect: PSL204
_seen_ips = set()  # expect: PSL204 "set"
_by_id = {}  # expect: PSL204
_messages_by_room = defaultdict(list)  # expect: PSL204
_recent_errors = deque()  # expect: PSL204 "deque"
_typing: collections.OrderedDict = collections.OrderedDict()  # expect: PSL204
_hits_by_ip = collections.Counter()  # expect: PSL204 "Module-level dict `_hits_by_ip`"


class Connection:
    def __init__(self, sock, user):
        self.sock = sock
        self.user = user
        _connections.append(self)
        _by_id[id(self)] = self

    def send(self, payload: bytes) -> None:
        transport.write(self.sock, payload)


def subscribe(callback) -> None:
    _listeners.append(callback)


def handle_message(conn: Connection, room: str, text: str) -> None:
    _audit_log.append((conn.user, room, text))
    _messages_by_room[room].append(text)
    for callback in _listeners:
        callback(room, text)


def handle_connect(sock, address) -> Connection:
    _seen_ips.add(address[0])
    _hits_by_ip[address[0]] += 1
    conn = Connection(sock, address)
    notifier.add_callback(conn.send)
    return conn


def report_error(exc: Exception) -> None:
    _recent_errors.append(repr(exc))


def user_typing(user: str) -> None:
    _typing[user] = True


class Room:
    members = []  # expect: PSL204 "Class-level list `members`"

    def join(self, user) -> None:
        self.members.append(user)


class Bot:
    registry = {}  # expect: PSL204

    def __init__(self, name: str):
        self.name = name
        type(self).registry[name] = self


class Upload:
    _pending: list = []  # expect: PSL204

    @classmethod
    def start(cls, filename: str) -> "Upload":
        upload = cls()
        cls._pending.append(upload)
        return upload


@dataclass
class Presence:
    user: str
    history = []  # expect: PSL204

    def mark(self, status: str) -> None:
        Presence.history.append((self.user, status))


class Notifier:
    _callbacks = []  # expect: PSL204 "`Notifier.add_callback`"

    def add_callback(self, callback) -> None:
        self._callbacks.append(callback)


notifier = Notifier()
