"""MQTT PUBLISH frame decoder: frames arrive in a receive buffer; the connection loop decodes
every complete frame, clears the consumed bytes from the buffer, and then routes the messages.

Usage: python3 mqtt_frames.py [N]
"""
import struct
import sys

TOPICS = ["sensors/temp", "sensors/humidity", "alerts/door", "status/heartbeat"]


def encode_publish(topic, payload):
    t = topic.encode()
    body = struct.pack("!H", len(t)) + t + payload
    length = len(body)
    encoded = bytearray()
    while True:
        byte, length = length % 128, length // 128
        encoded.append(byte | (0x80 if length else 0))
        if not length:
            break
    return bytes([0x30]) + bytes(encoded) + body


def decode_frames(buf):
    frames = []
    pos = 0
    while pos < len(buf):
        multiplier, length, i = 1, 0, pos + 1
        while True:
            byte = buf[i]
            length += (byte & 0x7F) * multiplier
            multiplier *= 128
            i += 1
            if not byte & 0x80:
                break
        (tlen,) = struct.unpack_from("!H", buf, i)
        topic = bytes(buf[i + 2:i + 2 + tlen]).decode()
        payload = bytes(buf[i + 2 + tlen:i + length])
        frames.append((topic, payload))
        pos = i + length
    return frames


def route(frames):
    per_topic = {}
    for topic, payload in frames:
        per_topic[topic] = per_topic.get(topic, 0) + len(payload)
    return per_topic


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    buf = bytearray()
    totals = {}
    for batch in range(0, n, 500):
        for i in range(batch, min(batch + 500, n)):
            buf += encode_publish(TOPICS[i % 4], f"reading={i * 0.5:.1f};seq={i}".encode() * (1 + i % 3))
        frames = decode_frames(buf)
        del buf[:]
        for topic, size in route(frames).items():
            totals[topic] = totals.get(topic, 0) + size
    for topic in sorted(totals):
        print(f"{topic:18s} {totals[topic]}")


if __name__ == "__main__":
    main(sys.argv)
