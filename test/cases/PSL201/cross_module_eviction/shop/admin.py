"""Admin endpoints: cache flushes live here, far from the caches."""
from .cache import _memo


def flush_products(request):
    _memo.clear()
    return {"flushed": True}
