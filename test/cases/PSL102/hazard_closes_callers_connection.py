"""Alarm check: read every reading, then close the connection the caller handed in."""


def load_readings(conn):  # expect: PSL102
    readings = []
    for sensor, value in conn.execute("SELECT sensor, value FROM readings ORDER BY id"):
        readings.append((sensor, round(value, 1)))
    conn.close()
    return readings


def first_alarm(conn, limit):
    for sensor, value in load_readings(conn):
        if value > limit:
            return sensor, value
    return None
