"""Audit trail kept by the payments service."""
import datetime as dt

_entries = []  # expect: PSL204 "`record`"


def record(actor, action, **details):
    _entries.append({"actor": actor, "action": action, "at": dt.datetime.now(), **details})


def entries_for(actor):
    return [e for e in _entries if e["actor"] == actor]
