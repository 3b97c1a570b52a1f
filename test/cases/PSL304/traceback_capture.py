"""Test-runner outcome collection: handlers without `as` that take the exception from sys.exc_info()."""
import logging
import sys
import traceback

log = logging.getLogger(__name__)


class Outcome:
    def __init__(self) -> None:
        self.tracebacks = {}
        self.expected_failure = None
        self.messages: list[str] = []

    def run(self, name, test):
        try:
            test()
        except Exception:
            _, _, tb = sys.exc_info()  # expect: PSL304 "this frame → `tb` is a reference cycle"
            self.tracebacks[name] = tb  # expect: PSL304 "keeps a traceback"

    def run_expecting_failure(self, test):
        try:
            test()
        except Exception:
            exc_info = sys.exc_info()
            self.expected_failure = exc_info  # expect: PSL304 "keeps a traceback"
            exc_info = None

    def run_reported(self, name, test):
        try:
            test()
        except Exception:
            etype, value, tb = sys.exc_info()
            try:
                self.messages.append("".join(traceback.format_exception(etype, value, tb)))
            finally:
                del etype, value, tb

    def run_logged(self, name, test):
        try:
            test()
        except Exception:
            info = sys.exc_info()
            log.error("%s failed", name, exc_info=info)
            info = None
