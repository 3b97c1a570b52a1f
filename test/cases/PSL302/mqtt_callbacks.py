"""Sensor gateway on paho-mqtt: the client keeps every callback it is given."""
import json
import logging
import weakref

import paho.mqtt.client as mqtt

log = logging.getLogger(__name__)


def on_connect(client, userdata, flags, rc):
    client.subscribe("plant/+/telemetry")


class Gateway:
    def __init__(self, host: str) -> None:
        self.host = host
        self.client = mqtt.Client(client_id="gateway")
        self.client.on_connect = on_connect
        self.client.on_message = self.on_telemetry  # expect: PSL302 "bound method of `self`"
        self.client.message_callback_add("plant/+/alarm", self.on_alarm)  # expect: PSL302 "bound method of `self`"
        self.client.message_callback_remove("plant/+/debug")
        self.latest: dict[str, float] = {}

    def on_telemetry(self, client, userdata, msg) -> None:
        self.latest[msg.topic] = json.loads(msg.payload)["value"]

    def on_alarm(self, client, userdata, msg) -> None:
        log.error("alarm on %s", msg.topic)


class WeakGateway:
    """The client holds a trampoline over a weak method, not the gateway."""

    def __init__(self, client: mqtt.Client) -> None:
        self.client = client
        handler = weakref.WeakMethod(self.on_alarm)

        def trampoline(c, userdata, msg):
            method = handler()
            if method is not None:
                method(c, userdata, msg)

        client.message_callback_add("plant/+/alarm", trampoline)

    def on_alarm(self, client, userdata, msg) -> None:
        log.error("alarm on %s", msg.topic)
