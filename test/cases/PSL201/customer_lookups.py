"""Customer lookups for the billing API: memoized reads from the accounts database.

Données clients — the café chain's loyalty accounts live in the same tables.
"""
import functools
import functools as ft
import sys
from functools import cache, cached_property
from functools import lru_cache as memo
from typing import Literal

from billing import db, geo, settings

PROFILE_CACHE = None
RATE_CACHE_SIZE = 512


@functools.lru_cache(maxsize=None)  # expect: PSL201 "maxsize=None"
def load_customer(customer_id: int) -> dict:
    return db.fetch_one("SELECT * FROM customers WHERE id = %s", customer_id)


# Ruff's UP033 turns the decorator above into this one: it is just as unbounded.
@cache  # expect: PSL201 "`functools.cache` has no maxsize"
def load_invoice(invoice_id: int) -> dict:
    return db.fetch_one("SELECT * FROM invoices WHERE id = %s", invoice_id)


@ft.cache  # expect: PSL201
def exchange_rate(currency: str, day: str) -> float:
    return db.fetch_value("SELECT rate FROM fx WHERE ccy = %s AND day = %s", currency, day)


@memo(None)  # expect: PSL201 "`memo`"
def geocode(address: str) -> tuple[float, float]:
    return geo.lookup(address)


@functools.lru_cache(maxsize=PROFILE_CACHE)  # expect: PSL201 "which is None"
def load_profile(user_id: int) -> dict:
    return db.fetch_one("SELECT * FROM profiles WHERE user_id = %s", user_id)


@functools.lru_cache(maxsize=sys.maxsize)  # expect: PSL201 "sys.maxsize"
def tax_rules(region: str, year: int) -> list:
    return db.fetch_all("SELECT * FROM tax WHERE region = %s AND year = %s", region, year)


class InvoiceRenderer:
    def __init__(self, template_dir):
        self.template_dir = template_dir

    @functools.lru_cache(maxsize=None)  # expect: PSL201
    def template(self, name: str) -> str:
        with open(f"{self.template_dir}/{name}") as fh:
            return fh.read()

    @cached_property
    def footer(self) -> str:
        return self.template("footer.html")

    @staticmethod
    @functools.lru_cache(maxsize=None)  # expect: PSL201
    def normalize_vat(vat_id: str) -> str:
        return vat_id.replace(" ", "").upper()


# ---- bounded or one-entry caches: silent ----

@functools.lru_cache(maxsize=256)
def plan_for(plan_id: int) -> dict:
    return db.fetch_one("SELECT * FROM plans WHERE id = %s", plan_id)


@functools.lru_cache
def country_name(code: str) -> str:
    return geo.country(code)


@ft.lru_cache()
def currency_symbol(currency: str) -> str:
    return {"EUR": "€", "USD": "$"}.get(currency, currency)


@functools.lru_cache(maxsize=RATE_CACHE_SIZE)
def discount_rate(tier: str) -> float:
    return db.fetch_value("SELECT rate FROM tiers WHERE name = %s", tier)


@functools.lru_cache(maxsize=settings.LOOKUP_CACHE_SIZE)
def postal_zone(postcode: str) -> str:
    return geo.zone(postcode)


@cache
def get_settings() -> dict:
    return settings.load()


@functools.lru_cache(maxsize=None)
def feature_enabled(beta: bool) -> bool:
    return settings.flag("invoices-v2", beta)


@functools.cache
def rounding_mode(kind: Literal["half-up", "banker"]) -> str:
    return settings.rounding(kind)


class Renderer:
    @classmethod
    @functools.lru_cache(maxsize=None)
    def default(cls):
        return cls()


@functools.lru_cache(maxsize=None)
def price_list(day: str) -> dict:
    return db.fetch_all("SELECT sku, price FROM prices WHERE day = %s", day)


def on_prices_published(event):
    # New prices invalidate the whole memo: the cache is emptied on every publish.
    price_list.cache_clear()


def _fetch_vat_rates(country: str) -> dict:
    return db.fetch_all("SELECT * FROM vat WHERE country = %s", country)


def _load_holidays(year: int) -> set:
    return set(db.fetch_all("SELECT day FROM holidays WHERE year = %s", year))


vat_rates = functools.lru_cache(maxsize=None)(_fetch_vat_rates)  # expect: PSL201
credit_limits = functools.cache(db.credit_limit)  # expect: PSL201 "functools.cache"
holiday_calendar = functools.cache(_load_holidays)


def on_new_year(event):
    holiday_calendar.cache_clear()
