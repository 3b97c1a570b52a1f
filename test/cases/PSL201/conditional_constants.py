"""Region settings and plan limits for the billing service, memoized per key."""
import enum

import requests

API = "https://billing.internal/api"
DEFAULT_REGION = "eu-west"

_region_settings = {}
_plan_limits = {}
_invoices = {}  # expect: PSL201 "`_invoices`"


class Plan(enum.Enum):
    FREE = "free"
    TEAM = "team"
    ENTERPRISE = "enterprise"


def region_settings(region):
    if region not in _region_settings:
        _region_settings[region] = requests.get(f"{API}/regions/{region}").json()
    return _region_settings[region]


def plan_limits(plan):
    if plan not in _plan_limits:
        _plan_limits[plan] = requests.get(f"{API}/plans/{plan.value}").json()
    return _plan_limits[plan]


def invoice(invoice_id):
    if invoice_id not in _invoices:
        _invoices[invoice_id] = requests.get(f"{API}/invoices/{invoice_id}").json()
    return _invoices[invoice_id]


def settings_for(account):
    """Accounts are served from one of two regions, by residency."""
    return region_settings("eu-west" if account["eu_resident"] else "us-east")


def default_settings():
    return region_settings(DEFAULT_REGION)


def limits_for(account):
    return plan_limits(Plan.ENTERPRISE if account.get("contract") else Plan.TEAM if account["seats"] > 1 else Plan.FREE)


def latest_invoice(account):
    return invoice(account["last_invoice"] if account.get("last_invoice") else account["first_invoice"])
