import reports.cleaning as cl
from reports.shaping import reshape as rs


def mrr_by_plan(rows):
    totals = {}
    for _email, plan, mrr in rs(cl.drop_test_accounts(rows)):  # expect: PSL101
        totals[plan] = totals.get(plan, 0) + mrr
    return totals
