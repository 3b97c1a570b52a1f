"""Old-style memoization through a mutable default argument."""
import os.path

import requests


def normalize_path(filename, _cache={}):  # expect: PSL201 "Default-argument dict `_cache` memoizes results (in `normalize_path`)"
    try:
        return _cache[filename]
    except KeyError:
        _cache[filename] = result = os.path.normcase(os.path.realpath(filename))
        return result


def fib(n, memo={}):  # expect: PSL201 "`memo`"
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1, memo) + fib(n - 2, memo)
    return memo[n]


def fetch_profile(user_id, session=None, _seen={}):
    """Bounded: the dict is emptied once it gets large."""
    if user_id in _seen:
        return _seen[user_id]
    if len(_seen) > 1000:
        _seen.clear()
    _seen[user_id] = profile = (session or requests).get(f"/profiles/{user_id}").json()
    return profile


def render(template, context={}):
    """A default that is only read: nothing accumulates."""
    return template.format(**context)
