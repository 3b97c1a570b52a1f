"""Memoize decorators that hang their dict on the wrapper, and local aliases of a class memo."""
import functools

from geo import api


def memoize(fn):
    cache = {}  # expect: PSL201 "Closure dict `cache`"

    @functools.wraps(fn)
    def wrapper(*args):
        if args not in cache:
            cache[args] = fn(*args)
        return cache[args]

    wrapper.cache = cache
    return wrapper


def clearable(fn):
    results = {}

    @functools.wraps(fn)
    def wrapper(*args):
        if args not in results:
            results[args] = fn(*args)
        return results[args]

    wrapper.results = results
    return wrapper


@memoize
def elevation(lat: float, lon: float) -> float:
    return api.elevation(lat, lon)


@clearable
def country_of(ip: str) -> str:
    return api.country(ip)


def on_geoip_update():
    country_of.results.clear()


class Geocoder:
    _hits = {}  # expect: PSL201 "Class-level dict `_hits`"

    def locate(self, address: str):
        hits = type(self)._hits
        if address not in hits:
            hits[address] = api.geocode(address)
        return hits[address]
