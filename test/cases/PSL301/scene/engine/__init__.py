from .scene import Scene
from .sprite import Sprite

__all__ = ["Scene", "Sprite"]
