"""A sync job tracker that records failures through small helper methods."""
import logging
import pickle

log = logging.getLogger(__name__)

_recent_failures: list[BaseException] = []


def remember_failure(exc: BaseException) -> None:
    _recent_failures.append(exc)
    del _recent_failures[:-50]


def failure_label(exc: BaseException) -> str:
    parts = [type(exc).__name__, str(exc)]
    return ": ".join(parts)


class SyncJob:
    def __init__(self, name: str) -> None:
        self.name = name
        self.failed: list[tuple[str, BaseException]] = []
        self.last_error: BaseException | None = None
        self.summary = ""

    def _record(self, key: str, exc: BaseException) -> None:
        log.warning("%s: %s failed", self.name, key)
        self.failed.append((key, exc))

    def _set_error(self, error: BaseException) -> None:
        self.last_error = error

    def _describe(self, exc: BaseException) -> None:
        self.summary = failure_label(exc)

    def sync(self, records: dict, push) -> None:
        for key, record in records.items():
            try:
                push(key, record)
            except TimeoutError as exc:
                self._record(key, exc)  # expect: PSL304 "hands the caught exception"
            except ConnectionError as exc:
                self._set_error(error=exc)  # expect: PSL304
            except ValueError as exc:
                remember_failure(exc)  # expect: PSL304
            except Exception as exc:
                self._describe(exc)
                log.error("%s", failure_label(exc))


def ship_error(fn, outbox: list) -> None:
    # Frames cannot be pickled and must not be kept: the traceback is dropped first.
    try:
        fn()
    except Exception as exc:
        exc.__traceback__ = None
        outbox.append(pickle.dumps(exc))
        outbox.append(exc)
