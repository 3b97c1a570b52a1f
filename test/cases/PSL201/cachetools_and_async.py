"""Third-party caches in a pricing microservice: cachetools and async-lru."""
import math
import sys

import cachetools
import cachetools.func
from async_lru import alru_cache
from cachetools import LRUCache, TTLCache, cached

from pricing import catalogue, http


@cached(cache={})  # expect: PSL201 "a plain `{}` as its cache"
def sku_details(sku: str) -> dict:
    return catalogue.details(sku)


@cachetools.cached(cache=dict())  # expect: PSL201
def supplier_terms(supplier_id: int) -> dict:
    return catalogue.terms(supplier_id)


_quotes = LRUCache(maxsize=float("inf"))  # expect: PSL201 "inf"
_fx = TTLCache(maxsize=math.inf, ttl=300)  # expect: PSL201 "math.inf"
_stock = cachetools.LFUCache(10**9)  # expect: PSL201


@cachetools.func.lru_cache(maxsize=None)  # expect: PSL201
def shipping_zone(postcode: str) -> str:
    return catalogue.zone(postcode)


@alru_cache(maxsize=None)  # expect: PSL201
async def remote_price(sku: str) -> float:
    response = await http.get(f"/prices/{sku}")
    return response.json()["price"]


@cached(cache=LRUCache(maxsize=sys.maxsize))  # expect: 15 PSL201 "sys.maxsize"
def bundle_price(bundle_id: int) -> float:
    return sum(catalogue.price(s) for s in catalogue.bundle(bundle_id))


# ---- bounded: silent ----

@cached(cache=LRUCache(maxsize=2048))
def category_tree(root: str) -> dict:
    return catalogue.tree(root)


_sessions = TTLCache(maxsize=10_000, ttl=900)


@alru_cache
async def currency_table(day: str) -> dict:
    return (await http.get(f"/fx/{day}")).json()


@alru_cache(maxsize=64)
async def tax_table(region: str) -> dict:
    return (await http.get(f"/tax/{region}")).json()


@cachetools.func.ttl_cache(maxsize=512, ttl=60)
def promo_codes(campaign: str) -> list:
    return catalogue.promos(campaign)


class PriceBook:
    def __init__(self):
        self._cache = LRUCache(maxsize=128)

    @cachetools.cachedmethod(lambda self: self._cache)
    def price(self, sku: str) -> float:
        return catalogue.price(sku)


_warm = LRUCache(maxsize=float("inf"))


def nightly_reset():
    # Emptied every night by the scheduler: evicted by hand.
    _warm.clear()
