"""Login sessions, expired after 30 minutes; `janitor.py` sweeps them."""
import time

SESSION_TTL = 1800
_sessions = {}


def lookup(session_id):
    hit = _sessions.get(session_id)
    if hit and time.monotonic() - hit["at"] < SESSION_TTL:
        return hit["user"]
    return None


def store(session_id, user):
    _sessions[session_id] = {"user": user, "at": time.monotonic()}
