"""Sensor calibration batch: read raw readings from the field gateway, convert units, apply
per-sensor calibration, flag anomalies and summarize per sensor.

Usage: python3 sensor_calibration.py [N]
"""
import sys
from dataclasses import dataclass, field, replace

SENSORS = [f"greenhouse-{g}/probe-{p}" for g in range(4) for p in range(6)]
OFFSETS = {name: (k % 5 - 2) * 0.15 for k, name in enumerate(SENSORS)}
GAINS = {name: 1.0 + (k % 3) * 0.01 for k, name in enumerate(SENSORS)}


@dataclass
class Reading:
    sensor: str
    ts: int
    value: float
    unit: str
    meta: dict = field(default_factory=dict)
    flagged: bool = False


def read_gateway(n):
    readings = []
    for i in range(n):
        sensor = SENSORS[i % len(SENSORS)]
        fahrenheit = i % 4 == 0
        celsius = 18.0 + ((i * 7) % 120) / 10.0 + (25.0 if i % 997 == 0 else 0.0)
        readings.append(Reading(
            sensor=sensor,
            ts=1_710_000_000 + i * 5,
            value=celsius * 9 / 5 + 32 if fahrenheit else celsius,
            unit="F" if fahrenheit else "C",
            meta={"gateway": f"gw-{i % 3}", "firmware": "2.4.1-rc3", "rssi": -40 - i % 50,
                  "raw_frame": f"{i:08x}{(i * 2654435761) % 2**32:08x}{sensor}"},
        ))
    return readings


def _to_celsius(r):
    if r.unit == "F":
        return replace(r, value=(r.value - 32) * 5 / 9, unit="C", meta=dict(r.meta))
    return replace(r, meta=dict(r.meta))


def _calibrate_one(r):
    c = _to_celsius(r)
    c.value = round(c.value * GAINS[c.sensor] + OFFSETS[c.sensor], 3)
    c.meta["calibrated"] = "v7"
    return c


def calibrate(readings):
    return list(map(_calibrate_one, readings))


def flag_anomalies(readings, low=10.0, high=35.0):
    checked = []
    for r in readings:
        if (out_of_range := not (low <= r.value <= high)):
            checked.append(replace(r, flagged=out_of_range))
        else:
            checked.append(r)
    return checked


def summarize(readings):
    stats = {}
    for r in readings:
        s = stats.setdefault(r.sensor, {"n": 0, "sum": 0.0, "min": r.value, "max": r.value, "flagged": 0})
        s["n"] += 1
        s["sum"] += r.value
        s["min"] = min(s["min"], r.value)
        s["max"] = max(s["max"], r.value)
        s["flagged"] += r.flagged
    return stats


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    stats = summarize(flag_anomalies(calibrate(read_gateway(n))))
    print(f"sensors={len(stats)} readings={sum(s['n'] for s in stats.values())} "
          f"flagged={sum(s['flagged'] for s in stats.values())}")
    for name in sorted(stats)[:6]:
        s = stats[name]
        print(f"  {name:22s} mean={s['sum'] / s['n']:.3f} min={s['min']:.3f} max={s['max']:.3f}")


if __name__ == "__main__":
    main(sys.argv)
