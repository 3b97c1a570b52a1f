"""Refund processing: every refund is audited through a helper."""
import logging

audit_log = logging.getLogger("audit")


def audit(event, payload):
    audit_log.info("%s %r", event, payload)


def approved_refunds(requests):  # expect: PSL102
    return (r for r in requests if r["amount"] < 500 and not audit("auto-approved", r))


def pay_out(requests, bank):
    for refund in approved_refunds(requests):
        bank.transfer(refund["account"], refund["amount"])
