"""Subscriptions by topic. Unsubscribing happens in bus/teardown.py."""
from collections import defaultdict

_subscribers = defaultdict(list)
_webhooks = {}
_dead_letters = defaultdict(list)  # expect: PSL204 "`_dead_letters`"


def subscribe(topic, callback):
    _subscribers[topic].append(callback)


def add_webhook(tenant_id, url):
    _webhooks.setdefault(tenant_id, []).append(url)


def publish(topic, payload):
    for callback in list(_subscribers.get(topic, ())):
        try:
            callback(payload)
        except Exception as exc:
            _dead_letters[topic].append((payload, exc))
