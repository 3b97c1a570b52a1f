"""Returns processing: one stage logs every rejected return."""
import logging

log = logging.getLogger(__name__)


def parse_returns(lines):
    return (line.split(";") for line in lines)


def accepted(returns):
    out = []
    for order_id, reason in returns:
        if reason == "fraud":
            log.warning("rejected return for %s", order_id)
            continue
        out.append((order_id, reason))
    return out


def process(lines, refunds):
    for order_id, reason in accepted(parse_returns(lines)):  # expect: PSL101
        refunds.issue(order_id, reason)
