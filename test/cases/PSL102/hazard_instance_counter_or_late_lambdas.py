"""Helpdesk: tickets number themselves from a class-level counter that the caller's loop also
advances, and the reply templates are lambdas over the comprehension variable."""


class Ticket:
    seq = 0

    def __init__(self, owner):
        Ticket.seq += 1
        self.number = Ticket.seq
        self.owner = owner


class Note:
    def __init__(self, text):
        self.text = text.strip()


def open_tickets(owners):  # expect: PSL102
    out = []
    for owner in owners:
        out.append(Ticket(owner))
    return out


def notes(lines):  # expect: PSL102
    # `Note.__init__` only sets attributes of the new object: safe to stream.
    out = []
    for line in lines:
        out.append(Note(line))
    return out


def templates(names):  # expect: PSL102
    return [lambda: f"Hello {name}" for name in names]


def bound_templates(names):  # expect: PSL102
    return [lambda who=name: f"Hello {who}" for name in names]


def triage(owners):
    pairs = []
    for ticket in open_tickets(owners):
        escalation = Ticket("escalation")
        pairs.append((ticket.number, escalation.number))
    return pairs


def render(lines, names):
    first = [n.text for n in notes(lines)]
    greetings = [t() for t in templates(names)]
    bound = [t() for t in bound_templates(names)]
    return first, greetings, bound
