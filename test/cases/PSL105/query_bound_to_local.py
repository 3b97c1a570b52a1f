"""Admin reports: queries are built up in a local, refined by options, then loaded."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .models import Order, User


def active_emails(session: Session, domain: str | None = None) -> list[str]:
    query = session.query(User).filter(User.active.is_(True))
    if domain:
        query = query.filter(User.email.endswith(domain))
    return [u.email for u in query.all()]  # expect: PSL105


def order_total(session: Session, user_id: int) -> float:
    orders = session.query(Order).filter_by(user_id=user_id)
    total = 0.0
    for order in orders.order_by(Order.id).all():  # expect: PSL105
        total += order.amount
    return total


def order_count(session: Session, user_id: int) -> int:
    orders = session.query(Order).filter_by(user_id=user_id).all()
    return len(orders)


def staff_names(org) -> list[str]:
    # Django: a related manager's `.all()` is a lazy QuerySet.
    staff = org.members.filter(is_staff=True)
    return [m.name for m in staff.all()]


def flagged(matrix) -> bool:
    rows = matrix.T
    return bool(rows.all())
