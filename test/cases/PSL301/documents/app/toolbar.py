"""The toolbar only copies the title: no reference back."""


class Toolbar:
    def __init__(self, document) -> None:
        self.caption = document.title.upper()
        self.buttons: list[str] = ["save", "print"]
