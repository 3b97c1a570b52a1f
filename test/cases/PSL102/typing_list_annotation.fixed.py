"""Customer sync: map CRM contacts onto mailing-list subscribers."""
from typing import Dict, Iterator, List

Contact = Dict[str, str]


def to_subscribers(contacts: List[Contact]) -> Iterator[Dict[str, str]]:  # expect: PSL102
    for c in contacts:
        if not c.get("email"):
            continue
        yield {"email": c["email"].lower(), "name": f"{c['first']} {c['last']}"}


def count_domains(contacts: List[Contact]) -> int:
    return len({s["email"].split("@")[1] for s in to_subscribers(contacts)})
