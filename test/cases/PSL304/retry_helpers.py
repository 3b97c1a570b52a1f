"""Retry helpers for flaky HTTP calls (Zeitüberschreitung = timeout)."""
import logging
import random
import time

import requests

log = logging.getLogger(__name__)


def fetch_with_retries(session: requests.Session, url: str, attempts: int = 5) -> bytes:
    last_exc = None
    for attempt in range(attempts):
        try:
            response = session.get(url, timeout=10)
            response.raise_for_status()
            return response.content
        except requests.RequestException as exc:
            last_exc = exc  # expect: PSL304 "binds the caught exception to another local"
            time.sleep(2 ** attempt + random.random())
    raise RuntimeError(f"giving up on {url}") from last_exc


def fetch_with_cleanup(session: requests.Session, url: str, attempts: int = 5) -> bytes:
    last_exc = None
    try:
        for attempt in range(attempts):
            try:
                return session.get(url, timeout=10).content
            except requests.RequestException as exc:
                last_exc = exc
                time.sleep(attempt)
        raise last_exc
    finally:
        last_exc = None  # break exception → traceback → frame → last_exc


def fetch_or_fail(session: requests.Session, url: str, attempts: int = 3) -> bytes:
    for attempt in range(attempts):
        try:
            return session.get(url, timeout=10).content
        except requests.ConnectionError as exc:
            log.warning("attempt %d failed: %s", attempt, exc)
            if attempt == attempts - 1:
                raise
        except requests.HTTPError as exc:
            raise RuntimeError(f"bad status for {url}") from exc
    raise AssertionError("unreachable")


class Retrier:
    def __init__(self, attempts: int) -> None:
        self.attempts = attempts
        self.last_error: Exception | None = None
        self.failures: list[str] = []

    def call(self, fn, *args):
        for _ in range(self.attempts):
            try:
                return fn(*args)
            except OSError as e:
                self.last_error = e  # expect: PSL304 "on an object"
                self.failures.append(repr(e))
        return None


def parse_port(text: str) -> tuple[int | None, Exception | None]:
    # Returning the alias does not help: the returned exception's traceback holds this frame,
    # and the frame still holds `error`.
    error = None
    try:
        port = int(text)
    except ValueError as exc:
        error = exc  # expect: PSL304
        port = None
    return port, error


def first_working(candidates: list[str]) -> str:
    for candidate in candidates:
        try:
            open(candidate).close()
            return candidate
        except OSError as exc:
            err = exc  # expect: PSL304
            raise LookupError(candidate) from err
    raise LookupError("none")


def connect_first(addresses, connect):
    # socket.create_connection's own fix: the raise leaves, the `finally` breaks the cycle.
    err = None
    for address in addresses:
        try:
            return connect(address)
        except OSError as exc:
            err = exc
    if err is not None:
        try:
            raise err
        finally:
            err = None
    raise OSError("no addresses to try")
