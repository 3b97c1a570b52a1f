"""Warm-up call whose result is thrown away (only the side effects matter)."""

_seen = []


def warm_cache(keys):
    loaded = []
    for key in keys:
        _seen.append(key)
        loaded.append(key.upper())
    return loaded


def startup(keys):
    warm_cache(keys)
