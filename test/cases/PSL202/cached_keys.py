"""Map tiles: cachetools caches on methods, keyed by what the instance describes or by the instance itself."""
from __future__ import annotations

from dataclasses import dataclass

from cachetools import LRUCache, TTLCache, cached
from cachetools.keys import hashkey

from tiles import backend


@dataclass(frozen=True)
class Layer:
    name: str
    style: str
    min_zoom: int = 0

    # The key holds the layer's name and style, never the layer object.
    @cached(cache=LRUCache(maxsize=2048), key=lambda self, z, x, y: hashkey(self.name, self.style, z, x, y))
    def tile(self, z: int, x: int, y: int) -> bytes:
        return backend.render(self.name, self.style, z, x, y)

    @cached(cache=TTLCache(maxsize=256, ttl=60), key=lambda self, z: (id(self), z))
    def attribution(self, z: int) -> str:
        return backend.attribution(self.name, z)

    @cached(cache=LRUCache(maxsize=256), key=lambda self, z: hashkey(self, z))  # expect: PSL202 "`legend`"
    def legend(self, z: int) -> str:
        return backend.legend(self.style, z)

    @cached(cache={}, key=lambda layer, z: (layer, layer.style, z))  # expect: PSL202
    def extent(self, z: int) -> tuple[float, float, float, float]:
        return backend.extent(self.name, z)
