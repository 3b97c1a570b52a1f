"""Helpdesk intake: tickets take their number from a class-level counter (`Ticket.seq`), and the
triage loop opens an escalation ticket for every urgent one while it walks the intake. Eagerly
the intake is numbered first (1..N) and escalations after it; lazily the numbers would
interleave. The reply templates are lambdas over the comprehension variable: from the list they
all greet the last customer, from a generator each would greet its own.

Usage: python3 helpdesk_numbering.py [N]
"""
import sys


class Ticket:
    seq = 0

    def __init__(self, owner, urgent=False):
        Ticket.seq += 1
        self.number = Ticket.seq
        self.owner = owner
        self.urgent = urgent


def intake(n):
    owners = [f"customer-{i % 997}" for i in range(n)]
    print("owners:", len(owners))
    return owners


def open_tickets(owners):
    out = []
    for i, owner in enumerate(owners):
        out.append(Ticket(owner, urgent=i % 7 == 0))
    return out


def templates(names):
    return [lambda: f"Hello {name}, we are on it" for name in names]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    owners = intake(n)
    checksum = 0
    escalations = 0
    for ticket in open_tickets(owners):
        if ticket.urgent:
            escalation = Ticket("on-call", urgent=True)
            checksum = (checksum * 31 + ticket.number * 7 + escalation.number) % 1_000_003
            escalations += 1
    print("escalations:", escalations, "checksum:", checksum)
    replies = 0
    distinct = set()
    for reply in templates(owners[:50]):
        distinct.add(reply())
        replies += 1
    print("replies:", replies, "distinct:", len(distinct))


if __name__ == "__main__":
    main()
