"""Catalogue API: the repository is injected through an `Annotated` dependency alias."""
from typing import Annotated, Optional

from fastapi import Depends, FastAPI

app = FastAPI()


class ProductRepo:
    def __init__(self, conn):
        self.conn = conn

    def product_names(self):  # expect: PSL102
        for (name,) in self.conn.execute("SELECT name FROM products WHERE active = 1"):
            yield name.strip()

    def prices(self):  # expect: PSL102
        return (price for (price,) in self.conn.execute("SELECT price FROM products"))


def get_repo() -> ProductRepo:
    import sqlite3

    return ProductRepo(sqlite3.connect("catalogue.db"))


RepoDep = Annotated[ProductRepo, Depends(get_repo)]


@app.get("/products/search")
def search(q: str, repo: RepoDep):
    return [n for n in repo.product_names() if q.lower() in n.lower()]


def cheapest(repo: Optional[ProductRepo] = None) -> float:
    if repo is None:
        repo = get_repo()
    return min(repo.prices(), default=0.0)
