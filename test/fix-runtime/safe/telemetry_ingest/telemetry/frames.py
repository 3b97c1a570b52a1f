import struct

from .units import DEVICE_KINDS

FRAME = struct.Struct("<HIhH")


def simulate_uplink(n):
    frames = []
    for i in range(n):
        device = i % 211
        frames.append(FRAME.pack(device, 1_690_000_000 + i * 5, (i * 37) % 4000 - 2000, (i * 13) % 1000))
    return frames


def decode_frames(frames):
    readings = []
    for raw in frames:
        device, ts, temp_raw, hum_raw = FRAME.unpack(raw)
        readings.append({
            "device": f"dev-{device:04d}",
            "kind": DEVICE_KINDS[device % len(DEVICE_KINDS)],
            "ts": ts,
            "temp_raw": temp_raw,
            "hum_raw": hum_raw,
        })
    return readings
