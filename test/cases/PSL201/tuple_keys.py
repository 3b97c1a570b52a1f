"""Plan limits and usage lookups for the subscription service."""
from __future__ import annotations

import enum

import requests

API = "https://subscriptions.internal/api"

_limits: dict[tuple[Plan, bool], dict] = {}
_prices: dict[tuple[str, str], float] = {}
_usage: dict[tuple[Plan, str], int] = {}  # expect: PSL201 "`_usage`"


class Plan(enum.Enum):
    FREE = "free"
    TEAM = "team"
    ENTERPRISE = "enterprise"


def plan_limits(plan: Plan, annual: bool) -> dict:
    key = (plan, annual)
    if key not in _limits:
        _limits[key] = requests.get(f"{API}/plans/{plan.value}", params={"annual": annual}).json()
    return _limits[key]


def list_price(region: str, tier: str) -> float:
    if (region, tier) not in _prices:
        _prices[region, tier] = requests.get(f"{API}/prices/{region}/{tier}").json()["amount"]
    return _prices[region, tier]


def monthly_usage(plan: Plan, account_id: str) -> int:
    if (plan, account_id) not in _usage:
        _usage[plan, account_id] = requests.get(f"{API}/usage/{account_id}").json()["units"]
    return _usage[plan, account_id]


def quote(account: dict) -> float:
    limits = plan_limits(Plan(account["plan"]), account.get("annual", False))
    base = list_price("eu", "standard") if account["eu"] else list_price("us", "standard")
    used = monthly_usage(Plan(account["plan"]), account["id"])
    return base + max(0, used - limits["included"]) * 0.01
