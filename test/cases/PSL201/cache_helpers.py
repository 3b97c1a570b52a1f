"""HTTP JSON client with a little response cache, written as get/set helpers."""
import requests

_cache = {}  # expect: PSL201 "`_cache`"
_etag_cache = {}
_handlers = {}


def cache_get(key):
    return _cache.get(key)


def cache_set(key, value):
    _cache[key] = value


def fetch_json(url):
    data = cache_get(url)
    if data is None:
        data = requests.get(url, timeout=5).json()
        cache_set(url, data)
    return data


def remember_etag(url, etag):
    _etag_cache[url] = etag


def forget_etag(url):
    _etag_cache.pop(url, None)


def etag_for(url):
    return _etag_cache.get(url)


def on(content_type, handler):
    # A registry of handlers, not a cache: PSL204's business if it grows.
    _handlers[content_type] = handler


def decode(response):
    return _handlers[response.headers["content-type"]](response.content)
