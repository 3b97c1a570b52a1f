"""Pages know their document (for headers and footers)."""


class Page:
    def __init__(self, document, number: int) -> None:
        self.document = document  # expect: PSL301 "self.pages.append(page)"
        self.number = number
        self.blocks: list[str] = []

    def footer(self) -> str:
        return f"{self.document.title} – {self.number}"
