"""Order lifecycle: per-state tallies keyed by the transition table's values."""
import enum
import time


class State(enum.Enum):
    NEW = "new"
    PAID = "paid"
    SHIPPED = "shipped"


class Event(enum.Enum):
    PAY = "pay"
    SHIP = "ship"


_TRANSITIONS = {
    (State.NEW, Event.PAY): State.PAID,
    (State.PAID, Event.SHIP): State.SHIPPED,
}

_entered: dict[State, int] = {}
_fired_by: dict[str, int] = {}  # expect: PSL204 "`_fired_by`"
_history_by_state: dict[State, list] = {}  # expect: PSL204 "`_history_by_state`"


class Order:
    def __init__(self, order_id: str) -> None:
        self.order_id = order_id
        self.state = State.NEW

    def fire(self, event: Event, actor: str) -> State:
        new = _TRANSITIONS[(self.state, event)]
        _entered[new] = _entered.get(new, 0) + 1
        _fired_by[actor] = _fired_by.get(actor, 0) + 1
        _history_by_state[new] = _history_by_state.get(new, []) + [(self.order_id, time.time())]
        self.state = new
        return new
