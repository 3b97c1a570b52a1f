"""The scene owns sprites; sprites refer back weakly."""
from .sprite import Sprite


class Scene:
    def __init__(self, name: str) -> None:
        self.name = name
        self.sprites: list[Sprite] = []

    def spawn(self, image: str) -> Sprite:
        sprite = Sprite(self, image)
        self.sprites.append(sprite)
        return sprite
