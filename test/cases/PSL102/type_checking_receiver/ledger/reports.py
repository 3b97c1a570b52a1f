"""Reports take the store by a forward-referenced annotation: the import exists only for type checkers."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import LedgerStore


def balance(store: "LedgerStore", account: str) -> float:
    return sum(e.amount for e in store.entries_for(account))


def debit_report(store: "LedgerStore") -> str:
    rows = store.debits()
    if not rows:
        return "no debits"
    return "\n".join(f"{e.account}: {e.amount:.2f}" for e in rows)


def credits_json(store: "LedgerStore") -> str:
    return json.dumps([e.amount for e in store.credits()])


def largest_credit(store: "LedgerStore") -> float:
    first, *rest = store.credits()
    return max(first.amount, *(e.amount for e in rest))
