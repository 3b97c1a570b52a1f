"""Copies of files and cursors are full fetches: PSL105 reports them, not this rule."""
import sqlite3


def lines_upper(path: str) -> list[str]:
    with open(path) as fh:
        return [line.upper() for line in list(fh)]


def ids(db_path: str) -> int:
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT id FROM jobs")
    return sum(row[0] for row in list(cur))


def payments(conn) -> None:
    for row in list(conn.execute("SELECT id FROM payments")):
        print(row)


def latest_login(db_path: str):
    conn = sqlite3.connect(db_path)
    cur = conn.execute("SELECT logged_in_at FROM sessions")
    return max(list(cur), default=None)


def distinct_words(path: str) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        return set(list(fh))
