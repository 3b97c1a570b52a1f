"""A caching service that loads rows and builds lookup tables (SQLAlchemy and psycopg2)."""
from __future__ import annotations

import psycopg2
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Customer, Order


class LookupCache:
    def __init__(self, session: Session, dsn: str) -> None:
        self.session = session
        self.dsn = dsn
        self.by_id: dict[int, Customer] = {}
        self.emails: set[str] = set()

    def refresh(self) -> None:
        for customer in self.session.query(Customer).filter(Customer.active).all():  # expect: PSL105 "every result row"
            self.by_id[customer.id] = customer
        stmt = select(Order).where(Order.open)
        open_ids = {o.id for o in self.session.execute(stmt).scalars().all()}  # expect: PSL105
        self.emails = {c.email for c in self.session.scalars(select(Customer)).all()}  # expect: PSL105
        print(len(open_ids))

    def refresh_raw(self) -> None:
        conn = psycopg2.connect(self.dsn)
        cur = conn.cursor()
        cur.execute("SELECT id, email FROM customers")
        # Iterating a psycopg2 cursor works, but DB-API makes it optional: unsafe fix.
        for cid, email in cur:  # expect: PSL105
            self.emails.add(email)
        cur.execute("SELECT id FROM orders")
        self.emails.update(r[0] for r in cur)  # expect: PSL105 "`list(cur)`"
        conn.close()

    def all_customers(self) -> list[Customer]:
        # Returned: the caller needs the list.
        return self.session.query(Customer).all()

    def count(self) -> int:
        rows = self.session.query(Customer).all()
        return len(rows)

    def numbers(self, values) -> bool:
        # `.all()` of something that is not a query (a numpy-like array): not a fetch.
        return (values > 0).all()


class DjangoViews:
    def export(self, User):
        # Django's `.all()` is a lazy QuerySet, not a list: not a full fetch into a list.
        for user in User.objects.all():
            print(user.email)


async def asyncpg_report(conn) -> float:
    total = 0.0
    for record in await conn.fetch("SELECT amount FROM payments WHERE settled"):  # expect: PSL105
        total += record["amount"]
    # A fetch that is not a SELECT (a key-value client, an HTTP client) is not a query.
    for item in await conn.fetch("users/42"):
        total += 1
    return total
