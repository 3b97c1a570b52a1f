"""An async inventory client: method caches from async-lru, methodtools and cachetools."""
import dataclasses
import enum
import functools

import cachetools
import cachetools.func
import methodtools
from async_lru import alru_cache
from cachetools import LRUCache, cached
from cachetools.keys import hashkey

from inventory import http


class InventoryClient:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self._stock_cache = LRUCache(maxsize=256)
        # Per-instance: the cache lives and dies with this client.
        self.lookup = functools.lru_cache(maxsize=128)(self._lookup)

    @alru_cache(maxsize=128)  # expect: PSL202 "`@alru_cache` on method `warehouse`"
    async def warehouse(self, warehouse_id: int) -> dict:
        return await http.get(f"{self.base_url}/warehouses/{warehouse_id}")

    @functools.lru_cache(maxsize=64)  # expect: PSL202 "`product`"
    async def product(self, sku: str) -> dict:
        return await http.get(f"{self.base_url}/products/{sku}")

    @methodtools.lru_cache(maxsize=32)  # expect: PSL202
    def supplier(self, supplier_id: int) -> dict:
        return http.get_sync(f"{self.base_url}/suppliers/{supplier_id}")

    @cached(cache=LRUCache(maxsize=512))  # expect: PSL202 "`@cached`"
    def bin_location(self, sku: str) -> str:
        return http.get_sync(f"{self.base_url}/bins/{sku}")["bin"]

    @cachetools.func.ttl_cache(maxsize=128, ttl=30)  # expect: PSL202
    def reserved(self, sku: str) -> int:
        return http.get_sync(f"{self.base_url}/reserved/{sku}")["qty"]

    @cached(cache=LRUCache(maxsize=512), key=lambda self, sku: hashkey(sku))
    def unit_of_measure(self, sku: str) -> str:
        return http.get_sync(f"/uom/{sku}")["uom"]

    @cachetools.cachedmethod(lambda self: self._stock_cache)
    def stock(self, sku: str) -> int:
        return http.get_sync(f"{self.base_url}/stock/{sku}")["qty"]

    def _lookup(self, sku: str) -> dict:
        return http.get_sync(f"{self.base_url}/lookup/{sku}")

    @staticmethod
    @alru_cache(maxsize=32)
    async def carriers(region: str) -> list:
        return await http.get(f"/carriers/{region}")

    @classmethod
    @functools.lru_cache(maxsize=8)
    def for_region(cls, region: str) -> "InventoryClient":
        return cls(f"https://{region}.inventory.example")


@dataclasses.dataclass(frozen=True)
class Sku:
    code: str
    size: str

    @functools.cache  # expect: PSL202 "`label`"
    def label(self) -> str:
        return f"{self.code}-{self.size}".upper()


class Unit(str, enum.Enum):
    PIECE = "pc"
    KILO = "kg"

    @functools.lru_cache(maxsize=None)
    def factor(self) -> float:
        return {"pc": 1.0, "kg": 1000.0}[self.value]


class Priority(enum.IntEnum):
    LOW = 1
    HIGH = 2

    @functools.cache
    def label(self) -> str:
        return self.name.title()


class LabelledEnum(enum.Enum):
    @property
    def label(self) -> str:
        return self.name.replace("_", " ").title()


class Region(LabelledEnum):
    EU_WEST = "eu-west"
    US_EAST = "us-east"

    @functools.lru_cache(maxsize=None)
    def timezone(self) -> str:
        return {"eu-west": "Europe/Dublin", "us-east": "America/New_York"}[self.value]


@alru_cache(maxsize=256)
async def country_for(ip: str) -> str:
    return (await http.get(f"/geo/{ip}"))["country"]


def build_report_class():
    class Report:
        def __init__(self, rows):
            self.rows = rows

        @functools.lru_cache(maxsize=16)  # expect: PSL202
        def total(self, column: str) -> float:
            return sum(r[column] for r in self.rows)

    return Report
