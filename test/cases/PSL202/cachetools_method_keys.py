"""Catalog client: one shared cache for every client instance, keyed without the instance."""
import threading

import cachetools
from cachetools import LRUCache, TTLCache, cached, keys
from cachetools.keys import hashkey, methodkey

import requests

_lock = threading.Lock()


class CatalogClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    @cached(LRUCache(maxsize=1024), key=methodkey, lock=_lock)
    def product(self, sku: str) -> dict:
        return self.session.get(f"{self.base_url}/products/{sku}").json()

    @cached(cache=TTLCache(maxsize=256, ttl=60), key=keys.typedmethodkey)
    def price(self, sku: str, currency: str) -> float:
        return float(self.session.get(f"{self.base_url}/prices/{sku}/{currency}").text)

    @cached(cache=LRUCache(maxsize=128), key=hashkey)  # expect: PSL202 "`product_image`"
    def product_image(self, sku: str) -> bytes:
        return self.session.get(f"{self.base_url}/images/{sku}").content

    @cachetools.cached(cachetools.LRUCache(maxsize=64))  # expect: PSL202
    def category(self, slug: str) -> dict:
        return self.session.get(f"{self.base_url}/categories/{slug}").json()
