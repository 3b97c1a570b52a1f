from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from collections.abc import Iterator


@dataclass(frozen=True, slots=True)
class Entry:
    account: str
    day: date
    amount: float


class LedgerStore:
    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries

    def entries_for(self, account: str) -> Iterator[Entry]:  # expect: PSL102
        return (e for e in self._entries if e.account == account)

    def debits(self) -> list[Entry]:
        return [e for e in self._entries if e.amount < 0]

    def credits(self) -> list[Entry]:
        return [e for e in self._entries if e.amount > 0]
