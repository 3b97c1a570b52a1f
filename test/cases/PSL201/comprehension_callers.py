"""Exchange-rate board for the checkout page."""
import functools

import requests

RATES_URL = "https://fx.internal/v2/rates"
BOARD_CURRENCIES = ("EUR", "USD", "GBP", "CHF")

_rates = {}
_quotes = {}  # expect: PSL201 "`_quotes`"


def rate_for(currency):
    if currency not in _rates:
        _rates[currency] = requests.get(f"{RATES_URL}/{currency}").json()["rate"]
    return _rates[currency]


@functools.lru_cache(maxsize=None)
def flag_for(currency):
    return requests.get(f"{RATES_URL}/{currency}/flag").json()["emoji"]


def quote(cart_id):
    if cart_id not in _quotes:
        _quotes[cart_id] = requests.get(f"{RATES_URL}/quotes/{cart_id}").json()
    return _quotes[cart_id]


def board():
    return {c: (flag_for(c), rate_for(c)) for c in BOARD_CURRENCIES}


def quotes_for(carts):
    return [quote(cart["id"]) for cart in carts]
