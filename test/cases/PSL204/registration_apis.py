"""Extension points of the sync engine: other packages call these to hook in."""
import logging

log = logging.getLogger(__name__)

_listeners = []  # expect: PSL204 "`register_listener`"
_error_handlers = []  # expect: PSL204 "`install_error_handler`"
_hooks = {}  # expect: PSL204 "`add_hook`"
_codecs = {}
_plugins = set()
_exporters = []
_defaults = []


def register_listener(callback):
    """Each sync session registers its progress callback; none ever unregisters."""
    _listeners.append(callback)


def install_error_handler(handler):
    _error_handlers.append(handler)
    log.debug("error handler installed: %r", handler)


def add_hook(event, fn):
    _hooks.setdefault(event, []).append(fn)


def register_codec(name, codec):
    # Keyed by name: registering a codec again replaces it.
    _codecs[name] = codec


def register_plugin(plugin):
    _plugins.add(plugin)


def register_exporter(func):
    """Decorator: @register_exporter on a function that writes one format."""
    _exporters.append(func)
    return func


def setup(app):
    _defaults.append(app.config.get("default_codec", "json"))


def emit(event, payload):
    for cb in _listeners:
        cb(event, payload)
    for fn in _hooks.get(event, ()):
        fn(payload)
    for plugin in _plugins:
        plugin.on_event(event, payload)


def fail(exc):
    for handler in _error_handlers:
        handler(exc)


def decode(name, data):
    return _codecs[name](data)


def export(rows):
    return [exporter(rows) for exporter in _exporters] + list(_defaults)
