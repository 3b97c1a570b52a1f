# options: {"minStages": 3}
"""Clickstream sessionizer: four stages in a row."""


def decode(lines):
    return (line.split(",") for line in lines)


def typed(events):
    return ((user, int(ts), page) for user, ts, page in events)


def ordered(events):
    return sorted(events, key=lambda e: (e[0], e[1]))


def labelled(events):
    return ((user, ts, page, page.split("/")[1] or "home") for user, ts, page in events)


def report(lines):
    for event in labelled(ordered(typed(decode(lines)))):  # expect: PSL101 "4 functions in a row"
        print(*event)
