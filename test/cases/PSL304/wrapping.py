"""Re-raising, wrapping and chaining keep nothing; a local alias of the exception does."""
import json


class ConfigError(Exception):
    pass


class ParseProblem:
    """Keeps only the text of the error."""

    def __init__(self, path: str, error: Exception) -> None:
        self.path = path
        self.text = repr(error)


def load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        new = ConfigError(f"{path}: invalid JSON")
        new.__cause__ = exc
        raise new
    except OSError as exc:
        exc = ConfigError(str(exc))
        raise exc


def load_all(paths: list[str]) -> tuple[list[dict], list[ParseProblem]]:
    configs, problems = [], []
    for path in paths:
        try:
            configs.append(load(path))
        except ConfigError as exc:
            problems.append(ParseProblem(path, exc))
    return configs, problems


def load_or_default(path: str) -> dict:
    try:
        return load(path)
    except ConfigError as exc:
        error = exc  # expect: PSL304 "another local"
        return {"error": str(error)}


def load_or_message(path: str) -> dict:
    try:
        return load(path)
    except ConfigError as exc:
        return {"error": str(exc), "kind": type(exc).__name__}


class RemoteError(Exception):
    """Shipped to the parent process: keeps the exception but drops its frames."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(str(exc))
        self.exc = exc
        self.exc.__traceback__ = None


class JobFailure:
    def __init__(self, job_id: int, exc: BaseException) -> None:
        self.job_id = job_id
        self.exc = exc


def run_jobs(jobs, results: list) -> None:
    for job_id, job in enumerate(jobs):
        try:
            results.append(job())
        except Exception as exc:
            results.append(RemoteError(exc))


def run_jobs_keeping_failures(jobs, failures: list) -> None:
    for job_id, job in enumerate(jobs):
        try:
            job()
        except Exception as exc:
            failures.append(JobFailure(job_id, exc))  # expect: PSL304
