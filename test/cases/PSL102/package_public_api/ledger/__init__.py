"""Ledger library: `journal_entries` is part of the public API."""
from .journal import journal_entries

__all__ = ["journal_entries"]
