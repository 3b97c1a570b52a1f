"""Ticket export: the caller copies the result with list() only to loop over it."""


def open_tickets(tickets):  # expect: PSL102
    return (t for t in tickets if t["state"] in ("new", "open"))


def export(tickets, out):
    for ticket in list(open_tickets(tickets)):
        out.write(f"{ticket['id']}\t{ticket['title']}\n")
