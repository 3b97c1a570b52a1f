"""Hand-written memoization in a catalogue importer: module, class and closure dicts."""
import logging
from functools import cache, wraps

from cachetools import cached

from importer import api, db
from functools import lru_cache

log = logging.getLogger(__name__)

_rates = {}  # expect: PSL201 "Module-level dict `_rates` memoizes results (in `get_rate`)"
_slugs: dict[str, str] = {}  # expect: PSL201
_owners = {}  # expect: PSL201


def get_rate(currency: str) -> float:
    if currency in _rates:
        return _rates[currency]
    rate = api.fetch_rate(currency)
    _rates[currency] = rate
    return rate


def slug_for(title: str) -> str:
    try:
        return _slugs[title]
    except KeyError:
        slug = _slugs[title] = "-".join(title.lower().split())
        return slug


def owner_of(sku: str) -> str:
    return _owners.setdefault(sku, db.owner(sku))


class CategoryResolver:
    _paths = {}  # expect: PSL201 "Class-level dict `_paths`"

    def resolve(self, category_id: int) -> str:
        cached = self._paths.get(category_id)
        if cached is None:
            cached = self._paths[category_id] = " / ".join(db.ancestors(category_id))
        return cached


def memoize(fn):
    results = {}  # expect: PSL201 "Closure dict `results`"

    @wraps(fn)
    def wrapper(*args):
        if args not in results:
            results[args] = fn(*args)
        return results[args]

    return wrapper


@memoize
def brand_logo(brand: str) -> bytes:
    return api.download(f"/brands/{brand}/logo.png")


@lru_cache(maxsize=1024)  # expect: PSL201
def parse_user_agent(ua: str) -> dict:
    return api.parse_ua(ua)


class Memoize:
    def __init__(self, func):
        self.func = func
        self.results = {}  # expect: PSL201 "Decorator-instance dict `self.results`"

    def __call__(self, *args):
        if args not in self.results:
            self.results[args] = self.func(*args)
        return self.results[args]


@Memoize
def supplier_name(supplier_id: int) -> str:
    return db.supplier(supplier_id)["name"]


_BARCODES = {}


@cached(_BARCODES)  # expect: PSL201 "`_BARCODES` is a plain dict that nothing empties"
def barcode(sku: str) -> str:
    return api.barcode(sku)


# ---- memos with a way out, or not memos at all: silent ----

_thumbnails = {}
_prices = {}
_regions = {}
_COLUMN_TYPES = {"sku": str, "price": float, "qty": int}


def thumbnail(sku: str) -> bytes:
    if sku not in _thumbnails:
        _thumbnails[sku] = api.download(f"/thumbs/{sku}.jpg")
    return _thumbnails[sku]


def on_catalogue_reloaded():
    _thumbnails.clear()


def price(sku: str) -> float:
    if sku in _prices:
        return _prices[sku]
    if len(_prices) > 50_000:
        log.info("price memo full, dropping it")
        _prices.clear()
    _prices[sku] = value = db.price(sku)
    return value


def region(code: str) -> str:
    hit = _regions.get(code)
    if hit is None:
        hit = _regions[code] = db.region(code)
    return hit


def forget_region(code: str) -> None:
    _regions.pop(code, None)


def column_type(name: str):
    return _COLUMN_TYPES[name]


def import_batch(rows):
    seen = {}
    for row in rows:
        if row["sku"] in seen:
            continue
        seen[row["sku"]] = db.upsert(row)
    return seen


def memoize_with_reset(fn):
    memo = {}

    def wrapper(key):
        if key not in memo:
            memo[key] = fn(key)
        return memo[key]

    wrapper.cache_clear = memo.clear
    return wrapper


class SingletonMeta(type):
    """One instance per class: keyed by class, so it never holds more than the classes using it."""

    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Importer:
    def __init__(self):
        self._seen = {}

    def lookup(self, sku):
        if sku not in self._seen:
            self._seen[sku] = db.find(sku)
        return self._seen[sku]
