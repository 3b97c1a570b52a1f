"""In-memory session store shared by request threads."""
import threading


class SessionStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._sessions = {}

    def expired(self, now):  # expect: PSL102
        with self._lock:
            for sid, session in self._sessions.items():
                if session["expires"] < now:
                    yield sid

    def sweep(self, now):
        for sid in self.expired(now):
            self.drop(sid)

    def drop(self, sid):
        with self._lock:
            self._sessions.pop(sid, None)
