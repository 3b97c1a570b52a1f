"""Account housekeeping on a SQLAlchemy session."""
from sqlalchemy.orm import Session

from accounts.models import Account


class AccountService:
    def __init__(self, session: Session):
        self.session = session
        self.by_email = {}

    def warm_cache(self):
        for account in self.session.query(Account).filter(Account.active.is_(True)).all():  # expect: PSL105
            self.by_email[account.email] = account

    def close_dormant(self, cutoff):
        # The loop adds to the session it is reading from: the rows are fetched first on purpose.
        for account in self.session.query(Account).filter(Account.last_login < cutoff).order_by(Account.id).all():
            account.active = False
            self.session.add(account)
        self.session.commit()


def purge_guests(session: Session):
    for account in session.query(Account).filter_by(kind="guest").all():
        session.delete(account)
    session.commit()
