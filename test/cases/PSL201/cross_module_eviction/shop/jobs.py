"""Background jobs."""
from shop import cache, geo_memo


def nightly_cleanup():
    cache._profiles.clear()
    geo_memo.clear()
