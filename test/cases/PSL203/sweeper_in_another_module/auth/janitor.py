"""Periodic maintenance task."""
import time

from auth.sessions import SESSION_TTL, _sessions


def sweep_sessions():
    cutoff = time.monotonic() - SESSION_TTL
    for session_id in [s for s, v in _sessions.items() if v["at"] < cutoff]:
        del _sessions[session_id]


def reset_otps(store):
    store.codes.clear()
