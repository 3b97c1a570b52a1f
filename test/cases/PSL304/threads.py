"""Running callables in threads and collecting what went wrong."""
import threading
import traceback


def run_in_thread(fn, *args):
    error = None

    def target():
        nonlocal error
        try:
            fn(*args)
        except BaseException as exc:
            error = exc  # expect: PSL304 "enclosing scope"

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if error is not None:
        raise error


def run_all(tasks) -> list:
    errors = []
    for task in tasks:
        try:
            task()
        except Exception as e:
            errors += [e]  # expect: PSL304
    return errors


def run_all_reported(tasks) -> list[str]:
    reports = []
    for task in tasks:
        try:
            task()
        except Exception:
            reports.append(traceback.format_exc())
    return reports


class ThreadResult:
    def __init__(self) -> None:
        self.value = None
        self.error_text = ""

    def capture(self, fn) -> None:
        try:
            self.value = fn()
        except Exception as e:
            self.error_text = f"{type(e).__name__}: {e}"
