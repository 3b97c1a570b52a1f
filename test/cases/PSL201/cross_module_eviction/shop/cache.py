"""Memoized lookups shared by the API and the background jobs."""
from functools import lru_cache

from . import repo
from .settings import ORG_CACHE_SIZE, PLAN_CACHE_SIZE, USER_CACHE_SIZE

_memo = {}
_profiles = {}
_geo = {}
_tokens = {}  # expect: PSL201 "`_tokens`"


def product(sku):
    if sku not in _memo:
        _memo[sku] = repo.product(sku)
    return _memo[sku]


def profile(user_id):
    hit = _profiles.get(user_id)
    if hit is None:
        hit = _profiles[user_id] = repo.profile(user_id)
    return hit


def geolocate(ip):
    if ip in _geo:
        return _geo[ip]
    _geo[ip] = where = repo.geoip(ip)
    return where


def token_owner(token):
    if token not in _tokens:
        _tokens[token] = repo.owner_of(token)
    return _tokens[token]


@lru_cache(maxsize=USER_CACHE_SIZE)
def load_user(user_id):
    return repo.user(user_id)


@lru_cache(maxsize=ORG_CACHE_SIZE)  # expect: PSL201 "ORG_CACHE_SIZE, which is None"
def load_org(org_id):
    return repo.org(org_id)


@lru_cache(maxsize=PLAN_CACHE_SIZE)
def load_plan(plan_id):
    return repo.plan(plan_id)
