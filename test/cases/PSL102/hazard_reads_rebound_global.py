"""Alert routing: the severity floor is raised at run time when the pager is overloaded."""
SEVERITY_FLOOR = 2


def pageable(alerts):  # expect: PSL102
    return [a for a in alerts if a["severity"] >= SEVERITY_FLOOR]


def overload_mode(on):
    global SEVERITY_FLOOR
    SEVERITY_FLOOR = 4 if on else 2


def route(alerts, pager):
    to_page = pageable(alerts)
    overload_mode(len(alerts) > 100)
    for alert in to_page:
        pager.send(alert["id"])
