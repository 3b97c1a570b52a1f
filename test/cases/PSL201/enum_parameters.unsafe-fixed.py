"""Regional API endpoints and per-region settings."""
import enum
from functools import lru_cache


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


@lru_cache(maxsize=1024)  # expect: PSL201
def tenant_endpoint(region: Region, tenant: str) -> str:
    return f"{endpoint(region)}/t/{tenant}"


class Customer:
    def __init__(self, name: str):
        self.name = name


@lru_cache(maxsize=1024)  # expect: PSL201
def greeting(customer: Customer) -> str:
    return f"Hello, {customer.name}"
