"""Alarm check: read every reading, then close the connection the caller handed in."""


def load_readings(conn):  # expect: PSL102
    for sensor, value in conn.execute("SELECT sensor, value FROM readings ORDER BY id"):
        yield (sensor, round(value, 1))
    conn.close()


def first_alarm(conn, limit):
    for sensor, value in load_readings(conn):
        if value > limit:
            return sensor, value
    return None
