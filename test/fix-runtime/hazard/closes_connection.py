"""Sensor alarm check: load the readings, close the connection, and stop at the first reading
over the limit. As a generator, `load_readings` would close the connection only after the
caller read every row — and the caller stops early, so it would never be closed.

Usage: python3 closes_connection.py [N]
"""
import sqlite3
import sys


def build_database(n):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE readings (id INTEGER PRIMARY KEY, sensor TEXT, value REAL)")
    conn.executemany(
        "INSERT INTO readings (sensor, value) VALUES (?, ?)",
        ((f"s{i % 7}", (i * 37) % 101 / 10) for i in range(n)),
    )
    conn.commit()
    return conn


def load_readings(conn):
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


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    conn = build_database(n)
    print("first alarm:", first_alarm(conn, 9.5))
    try:
        conn.execute("SELECT 1")
        print("connection: still open")
    except sqlite3.ProgrammingError:
        print("connection: closed")


if __name__ == "__main__":
    main(sys.argv)
