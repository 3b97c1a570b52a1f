"""Operator commands."""
import pool.registry as reg
from pool import event_handlers


def reset_listeners():
    event_handlers.clear()


def forget_closed():
    reg._closed_ids.clear()
