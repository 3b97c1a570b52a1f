"""A pricing service: memoized methods that pin every instance they see."""
import enum
import functools
import functools as ft
from functools import cache, cached_property, lru_cache as memo

import cachetools


class PriceService:
    def __init__(self, catalogue):
        self.catalogue = catalogue

    @functools.lru_cache(maxsize=256)  # expect: 5 PSL202 "price_for"
    def price_for(self, sku):
        return self.catalogue[sku] * 1.2

    # expect: PSL202 "`@ft.lru_cache`"
    @ft.lru_cache(None)
    def tax_for(self, region):
        return 0.2 if region == "eu" else 0.1

    @memo  # expect: PSL202 "`@memo`"
    def currency(self):
        return "EUR"

    @cache  # expect: PSL202
    def discounts(self):
        return tuple(self.catalogue)

    @property
    @functools.cache  # expect: PSL202 "summary"
    def summary(self):
        return f"{len(self.catalogue)} items"

    @staticmethod
    @functools.lru_cache(maxsize=None)
    def parse_sku(raw):
        return raw.strip().upper()

    @classmethod
    @functools.cache
    def default(cls):
        return cls({})

    @cached_property
    def total(self):
        return sum(self.catalogue.values())

    @functools.cached_property
    def skus(self):
        return sorted(self.catalogue)

    @cachetools.cachedmethod(lambda self: self._cache)
    def stock(self, sku):
        return 0


class Color(enum.Enum):
    RED = 1
    GREEN = 2

    @functools.lru_cache(maxsize=None)
    def hexcode(self):
        return {1: "#f00", 2: "#0f0"}[self.value]


@functools.lru_cache(maxsize=None)
def load_rates(day):
    return {"eur": 1.0}


def make_handler():
    @functools.cache
    def handler(request):
        return request
    return handler
