import functools
from functools import lru_cache


class Client:
    class Session:
        @lru_cache(maxsize=32)  # expect: PSL202 "`@lru_cache` on method `token`"
        def token(self, scope):
            return scope

    @functools.lru_cache()  # expect: PSL202
    async def fetch(self, url):
        return url

    def lru_cache(self, fn):
        return fn


def lru_cache_shadow():
    lru_cache = lambda f: f  # a local shadows the import: not functools

    class Inner:
        @lru_cache
        def value(self):
            return 1

    return Inner


class Quiet:
    @functools.lru_cache(maxsize=8)  # noqa: PSL202
    def suppressed(self, x):
        return x
