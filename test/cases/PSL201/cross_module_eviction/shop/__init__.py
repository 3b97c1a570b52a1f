"""Shop backend package."""
from .cache import _geo as geo_memo

__all__ = ["geo_memo"]
