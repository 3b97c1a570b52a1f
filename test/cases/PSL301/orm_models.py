"""A tiny ORM-like layer: authors own books, orders own line items."""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from decimal import Decimal


class Author:
    def __init__(self, name: str) -> None:
        self.name = name
        self.books: list[Book] = []

    def write(self, title: str) -> "Book":
        book = Book(title, author=self)
        self.books.append(book)
        return book


class Book:
    def __init__(self, title: str, author: Author) -> None:
        self.title = title
        self.author = author  # expect: PSL301 "self.books.append(book)"


@dataclass
class LineItem:
    order: "Order"  # expect: PSL301
    sku: str
    quantity: int = 1
    price: Decimal = Decimal("0")


@dataclass
class Order:
    number: str
    items: list[LineItem] = field(default_factory=list)

    def add(self, sku: str, quantity: int, price: Decimal) -> LineItem:
        item = LineItem(self, sku, quantity, price)
        self.items.append(item)
        return item

    def total(self) -> Decimal:
        return sum((i.price * i.quantity for i in self.items), Decimal("0"))


class Customer:
    """Holds addresses, which do not point back."""

    def __init__(self, email: str) -> None:
        self.email = email
        self.addresses: list[Address] = []

    def add_address(self, street: str, city: str) -> None:
        self.addresses.append(Address(street, city, owner_email=self.email))


class Address:
    def __init__(self, street: str, city: str, owner_email: str) -> None:
        self.street = street
        self.city = city
        self.owner_email = owner_email


class Invoice:
    def __init__(self, order: Order) -> None:
        # Copies what it needs; keeps no reference to the order.
        self.order_number = order.number
        self.amount = order.total()


class Session:
    """Identity map: the session keeps models weakly, models keep the session."""

    def __init__(self) -> None:
        self._identity = weakref.WeakValueDictionary()

    def add(self, key: str, model: "Model") -> None:
        model.session = self
        self._identity[key] = model


class Model:
    session: Session | None = None
