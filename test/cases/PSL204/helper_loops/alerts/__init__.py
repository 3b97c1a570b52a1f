from .hub import Watcher, emit, on, prune_dead, register_sink

__all__ = ["Watcher", "emit", "on", "prune_dead", "register_sink"]
