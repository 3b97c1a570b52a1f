"""Shutdown hooks and error observers for a long-running worker."""
import logging

log = logging.getLogger(__name__)

_shutdown_hooks = []
_error_observers = []  # expect: PSL204 "`_error_observers`"


def on_shutdown(func):
    """Decorator: run `func` when the worker stops."""
    _shutdown_hooks.append(func)
    return func


def watch_errors(fn):
    """Called by each job runner as it starts; nothing ever unregisters."""
    _error_observers.append(fn)
    log.debug("%d error observers", len(_error_observers))


def report_error(exc):
    for observer in _error_observers:
        observer(exc)


def shutdown():
    for hook in reversed(_shutdown_hooks):
        hook()
