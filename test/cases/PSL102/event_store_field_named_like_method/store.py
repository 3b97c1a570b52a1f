"""In-memory event store with replay and an upcaster for old payloads."""
from dataclasses import dataclass, field

from events import Event


@dataclass
class EventStore:
    events: list = field(default_factory=list)

    def append(self, event: Event) -> None:
        self.events.append(event)

    def stream(self, name: str) -> list[Event]:  # expect: PSL102
        return [e for e in self.events if e.stream == name]


def replay(store: EventStore, name: str) -> dict:
    state: dict = {}
    for event in store.stream(name):
        state.update(event.payload)
    return state


def renamed(events: list[Event]) -> list[Event]:
    # `e.stream` here is the event's field, not the store's method handed on as a callback.
    return [Event(e.stream, e.kind, {("quantity" if k == "qty" else k): v for k, v in e.payload.items()}, e.version) for e in events]


def migrate(store: EventStore) -> None:
    store.events = renamed(store.events)
