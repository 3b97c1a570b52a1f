"""An asyncio session manager: idle timers, command dispatch and a small Tk status window."""
import asyncio
import logging
import tkinter as tk
import weakref

log = logging.getLogger(__name__)


class Session:
    def __init__(self, loop: asyncio.AbstractEventLoop, idle_seconds: float) -> None:
        self._loop = loop
        self.idle_seconds = idle_seconds
        # The handle keeps its callback after it has fired, until cancelled.
        self._idle_timer = self._loop.call_later(idle_seconds, self._expire)  # expect: PSL302 "bound method of `self`"
        self.expired = False

    def touch(self) -> None:
        self._idle_timer.cancel()
        self._idle_timer = self._loop.call_later(self.idle_seconds, self._expire)  # expect: PSL302

    def _expire(self) -> None:
        self.expired = True

    def nudge(self) -> None:
        # The handle is dropped: the loop lets go of the callback once it has run.
        self._loop.call_soon(self._log_state)

    def _log_state(self) -> None:
        log.debug("session expired=%s", self.expired)


class CommandShell:
    def __init__(self, commands: list[str]) -> None:
        self.dispatch = {}
        for name in commands:
            self.dispatch[name] = getattr(self, f"do_{name}")  # expect: PSL302 "captures `self`"
        self.settings = {}
        for key in ("prompt", "history_size"):
            self.settings[key] = getattr(self, key, None)
        self.prompt = "> "
        self.history_size = 100

    def do_help(self, args: str) -> None:
        print("commands:", ", ".join(sorted(self.dispatch)))

    def do_quit(self, args: str) -> None:
        raise SystemExit(0)


class StatusWindow:
    def __init__(self, root: tk.Tk, session: Session) -> None:
        self.root = root
        self.label = tk.Label(root, text="idle")
        self.refresh_button = tk.Button(root, text="Refresh")
        self.refresh_button.configure(command=lambda window=self: window.refresh())  # expect: PSL302
        self.quit_button = tk.Button(root, text="Quit", command=lambda: log.info("quit pressed"))
        self.session = weakref.ref(session)

    def refresh(self) -> None:
        session = self.session()
        self.label.configure(text="expired" if session and session.expired else "active")
