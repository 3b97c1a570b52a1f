"""Plugins subscribe to the emitter they own."""
from bus.emitter import Emitter


class MetricsPlugin:
    def __init__(self) -> None:
        self.events = Emitter()
        self.events.on("request", self.count_request)  # expect: PSL302 "bound method of `self`"
        self.total = 0

    def count_request(self, request) -> None:
        self.total += 1

    def matching(self) -> int:
        return self.events.count("request", self.is_counter)

    def is_counter(self, handler) -> bool:
        return handler == self.count_request


class AuditPlugin:
    def __init__(self, shared: Emitter) -> None:
        # The emitter is shared and not kept by the plugin: one-directional.
        shared.on("request", self.audit)

    def audit(self, request) -> None:
        print("audit", request)
