"""Async ingestion endpoint: sync transform stages inside an async handler."""
from collections.abc import Iterator


def decode_batch(payload: list[dict]) -> Iterator[tuple[str, float]]:
    return ((item["sensor"], float(item["value"])) for item in payload)


def calibrate(readings: list[tuple[str, float]]) -> Iterator[tuple[str, float]]:
    return ((sensor, value * 1.02 - 0.5) for sensor, value in readings)


async def ingest(request, sink):
    payload = await request.json()  # expect: PSL101 "the result of `request.json()`"
    for sensor, value in calibrate(decode_batch(payload)):
        await sink.put(sensor, value)
