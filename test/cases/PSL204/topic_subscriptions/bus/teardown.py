"""Called when a websocket closes or a tenant removes an integration."""
from . import topics
from .topics import _webhooks


def unsubscribe(topic, callback):
    callbacks = topics._subscribers.get(topic)
    if callbacks and callback in callbacks:
        callbacks.remove(callback)


def remove_webhook(tenant_id, url):
    urls = _webhooks[tenant_id]
    urls.remove(url)
