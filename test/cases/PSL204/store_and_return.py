"""A job tracker: store-and-return helpers grow at run time; registering decorators run at import."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class JobResult:
    job_id: int
    ok: bool
    output: str = ""


_results_by_job: dict[int, JobResult] = {}  # expect: PSL204 "`_results_by_job` grows at run time (in `record`)"
_failures: list[JobResult] = []  # expect: PSL204
_EXPORTERS: dict[str, type] = {}
_CHECKS: list = []


def record(res: JobResult) -> JobResult:
    """Keep a result for the status page and hand it back to the caller."""
    _results_by_job[res.job_id] = res
    return res


def note_failure(result: JobResult) -> JobResult:
    if not result.ok:
        _failures.append(result)
    return result


def results_for(ids: list[int]) -> list[JobResult]:
    return [_results_by_job[i] for i in ids if i in _results_by_job]


# Decorators that hand back what they register: applied to classes and functions at import.
def exporter(cls: type) -> type:
    _EXPORTERS[cls.__name__.lower()] = cls
    return cls


def health_check(check):
    _CHECKS.append(check)
    return check
