"""Usage records pulled from the metering service."""


def _usage_records(raw):  # expect: PSL102 "all 2 of its callers"
    return ((r["account"], r["metric"], float(r["value"])) for r in raw if r["value"] is not None)


def metered(raw):
    return _usage_records(raw)
