"""cachetools TTL caches in a notification service."""
import math
import sys

import cachetools
import cachetools.func
from cachetools import TLRUCache, TTLCache

from notify import templates

_templates = TTLCache(maxsize=float("inf"), ttl=600)  # expect: PSL203 "TTLCache"
_devices = cachetools.TTLCache(math.inf, 3600)  # expect: PSL203
_digests = TTLCache(maxsize=sys.maxsize, ttl=86_400)  # expect: PSL203 "sys.maxsize"
_opt_outs = TLRUCache(maxsize=float("inf"), ttu=lambda k, v, now: now + 60)  # expect: PSL203


@cachetools.func.ttl_cache(maxsize=None, ttl=60)  # expect: PSL203
def render(template_id: str, locale: str) -> str:
    return templates.render(template_id, locale)


# ---- bounded TTL caches: silent ----

_recipients = TTLCache(maxsize=10_000, ttl=300)
_throttle = cachetools.TTLCache(maxsize=2048, ttl=1)


@cachetools.func.ttl_cache(maxsize=256, ttl=60)
def subject(template_id: str) -> str:
    return templates.subject(template_id)


@cachetools.func.ttl_cache(ttl=30)
def footer(locale: str) -> str:
    return templates.footer(locale)
