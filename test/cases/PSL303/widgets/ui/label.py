"""Labels are standalone (not Widgets): no cycle."""


class Label:
    def __init__(self, text: str) -> None:
        self.text = text

    def __del__(self) -> None:
        print("label freed")
