import billing.sources as src
from billing.sources import _usage_records


def charge_lines(raw, price):
    lines = []
    for account, metric, value in src.metered(raw):
        lines.append(f"{account}: {metric} x {value} = {value * price:.2f}")
    return "\n".join(lines)


def accounts(raw):
    return {account for account, _metric, _value in _usage_records(raw)}
