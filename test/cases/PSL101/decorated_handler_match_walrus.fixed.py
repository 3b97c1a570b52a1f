"""Payment webhook handler: decoded events go through two copying stages."""
from dataclasses import dataclass
from functools import wraps
from collections.abc import Iterator


def authenticated(handler):
    @wraps(handler)
    def wrapper(request, *args, **kwargs):
        if request.headers.get("X-Signature") is None:
            raise PermissionError("unsigned webhook")
        return handler(request, *args, **kwargs)
    return wrapper


@dataclass
class Payment:
    id: str
    status: str
    cents: int


def decode(events: list[dict]) -> Iterator[Payment]:
    for event in events:
        match event:
            case {"object": "charge", "id": pid, "status": status, "amount": cents}:
                yield Payment(pid, status, cents)
            case _:
                pass


def settled(payments: list[Payment]) -> Iterator[Payment]:
    return (p for p in payments if p.status == "succeeded")


@authenticated
def handle(request, ledger):
    if (events := request.json().get("data")) is None:
        return 400
    for payment in settled(decode(events)):  # expect: PSL101 "`decode()` → `settled()`"
        ledger.credit(payment.id, payment.cents)
    return 204
