"""Regional API endpoints and per-region settings."""
from __future__ import annotations

import enum
from functools import lru_cache
from typing import Optional


class Region(enum.Enum):
    EU = "eu"
    US = "us"
    APAC = "apac"


class Tier(str, enum.Enum):
    FREE = "free"
    PRO = "pro"


@lru_cache(maxsize=None)
def endpoint(region: Region) -> str:
    # One entry per member at most.
    return f"https://{region.value}.api.example.com"


@lru_cache(maxsize=None)
def quota(region: Region, tier: Tier) -> int:
    return 1000 if tier is Tier.PRO else 100


@lru_cache(maxsize=None)
def status_page(region: Optional["Region"] = None) -> str:
    return f"https://status.example.com/{region.value if region else 'all'}"


_limits = {}


def limit_for(tier: "Tier | None") -> int:
    if tier not in _limits:
        _limits[tier] = 50 if tier is None else quota(Region.EU, tier)
    return _limits[tier]


@lru_cache(maxsize=1024)  # expect: PSL201
def tenant_endpoint(region: Region, tenant: str) -> str:
    return f"{endpoint(region)}/t/{tenant}"


class Customer:
    def __init__(self, name: str):
        self.name = name


@lru_cache(maxsize=1024)  # expect: PSL201
def greeting(customer: Customer) -> str:
    return f"Hello, {customer.name}"
