"""Report registry: handlers are looked up by name at run time."""

HANDLERS = {}


def register(name):
    def wrap(fn):
        HANDLERS[name] = fn
        return fn
    return wrap


@register("overdue")
def overdue_accounts(accounts):
    return [a for a in accounts if a["days_overdue"] > 30]


def run_report(name, accounts):
    for row in overdue_accounts(accounts):
        print(row)
    return HANDLERS[name](accounts)
