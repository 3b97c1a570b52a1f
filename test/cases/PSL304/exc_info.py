"""Crash reporting helpers built on sys.exc_info() and tracebacks."""
import logging
import sys
import traceback

log = logging.getLogger(__name__)


def report_crash(job) -> str:
    try:
        job.run()
    except Exception:
        exc_type, exc_value, tb = sys.exc_info()  # expect: PSL304 "keeps a traceback in a local"
        lines = traceback.format_exception(exc_type, exc_value, tb)
        log.error("job %s crashed", job.name)
        return "".join(lines)
    return ""


def report_crash_cleanly(job) -> str:
    try:
        job.run()
    except Exception:
        exc_type, exc_value, tb = sys.exc_info()
        try:
            return "".join(traceback.format_exception(exc_type, exc_value, tb))
        finally:
            del tb
    return ""


def crash_frames(job) -> list[str]:
    try:
        job.run()
    except Exception as e:
        tb = e.__traceback__  # expect: PSL304
        return [frame.f_code.co_name for frame, _ in traceback.walk_tb(tb)]
    return []


def exception_name(job) -> str:
    try:
        job.run()
    except Exception:
        etype = sys.exc_info()[0]
        traceback.print_exception(*sys.exc_info())
        text = traceback.format_exc()
        log.debug("%s", text)
        return etype.__name__
    return ""


def current_error():
    # Not inside a handler of this function: the local dies with the call.
    info = sys.exc_info()
    return info[1]


class JobRecord:
    def __init__(self, job) -> None:
        self.job = job
        self.exc_info = None
        self.message = ""

    def run(self) -> None:
        try:
            self.job.run()
        except Exception as exc:
            self.exc_info = sys.exc_info()  # expect: PSL304 "sys.exc_info()"
            self.message = str(exc)
