"""Support-ticket triage: load the open tickets, announce how many there are, then route them.
len() on the result needs a real list.

Usage: python3 len_count.py [N]
"""
import sys

QUEUES = ("billing", "technical", "account", "shipping")


def ticket_feed(n):
    for i in range(n):
        yield {"id": i, "subject": f"Problem #{i}: cannot {('pay', 'login', 'ship', 'reset')[i % 4]}",
               "status": "open" if i % 3 else "closed", "priority": i % 5}


def load_open_tickets(feed):
    tickets = []
    for t in feed:
        if t["status"] == "open":
            tickets.append({"id": t["id"], "queue": QUEUES[t["priority"] % 4],
                            "title": t["subject"].strip(), "urgent": t["priority"] >= 3})
    return tickets


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    tickets = load_open_tickets(ticket_feed(n))
    print(f"open tickets: {len(tickets)}")
    per_queue = {}
    for t in tickets:
        per_queue[t["queue"]] = per_queue.get(t["queue"], 0) + 1
    print(sorted(per_queue.items()))


if __name__ == "__main__":
    main(sys.argv)
