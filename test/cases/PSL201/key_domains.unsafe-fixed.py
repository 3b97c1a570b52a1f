"""Notification channels: memo dicts whose keys come from a fixed set, and ones that do not."""
import enum
import functools
import threading

from notify import providers, templates

CHANNELS = ("email", "sms", "push")

_clients = {}
_by_channel = {}
_renderers = {}
_templates = {}  # expect: PSL201 "`_templates` memoizes results (in `template`)"
_locales = {}  # expect: PSL201 "`_locales`"


class Channel(enum.Enum):
    EMAIL = "email"
    SMS = "sms"

    # One entry per member: an enum has a fixed set of them.
    @functools.lru_cache(maxsize=None)
    def provider(self):
        return providers.load(self.value)

    @functools.lru_cache(maxsize=1024)  # expect: PSL201
    def quota(self, account_id: int) -> int:
        return providers.quota(self.value, account_id)


def client(channel: Channel):
    if channel not in _clients:
        _clients[channel] = providers.connect(channel.value)
    return _clients[channel]


def connect_all():
    for name in CHANNELS:
        if name not in _by_channel:
            _by_channel[name] = providers.connect(name)
    return [_by_channel[name] for name in CHANNELS]


def renderer(kind):
    hit = _renderers.get(kind)
    if hit is None:
        hit = _renderers[kind] = templates.compile(kind)
    return hit


def send_welcome(user):
    return renderer("welcome").render(user=user)


def send_password_reset(user):
    return renderer("password-reset").render(user=user)


def template(name):
    if name not in _templates:
        _templates[name] = templates.load(name)
    return _templates[name]


def send(user, event):
    return template(event["template"]).render(user=user)


def locale_pack(code):
    if code in _locales:
        return _locales[code]
    pack = _locales[code] = templates.locale(code)
    return pack


def call_once(fn):
    """Run `fn` once, however many threads ask for it."""
    lock = threading.Lock()
    cached = functools.lru_cache(maxsize=None)(fn)

    @functools.wraps(fn)
    def wrapper():
        with lock:
            return cached()

    return wrapper


def daily_digest(events):
    # A cache built per digest: it is garbage as soon as the digest is rendered.
    @functools.lru_cache(maxsize=None)
    def display_name(user_id):
        return providers.user(user_id)["name"]

    return [f"{display_name(e['user_id'])}: {e['text']}" for e in events]


def main():
    print(locale_pack("fr"))


if __name__ == "__main__":
    main()
