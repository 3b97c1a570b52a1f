"""A paginated document: the document holds its pages."""
from app.page import Page
from app.toolbar import Toolbar


class Document:
    def __init__(self, title: str) -> None:
        self.title = title
        self.pages: list[Page] = []
        self.toolbar = Toolbar(self)

    def add_page(self) -> Page:
        page = Page(self, len(self.pages) + 1)
        self.pages.append(page)
        return page
