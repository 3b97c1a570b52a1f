import weakref


class Sprite:
    def __init__(self, scene, image: str) -> None:
        self._scene = weakref.ref(scene)
        self.image = image

    @property
    def scene(self):
        return self._scene()
