"""Loyalty points batch: one module-level connection shared by the helpers."""
import sqlite3

DB = sqlite3.connect("loyalty.db")


def add_points(member_id, points):
    # Same connection: a lazily read SELECT on `members` would see these UPDATEs.
    DB.execute("UPDATE members SET points = points + ? WHERE id = ?", (points, member_id))


def monthly_bonus():
    cur = DB.cursor()
    cur.execute("SELECT id, points FROM members WHERE active = 1 ORDER BY points")
    for member_id, points in cur.fetchall():  # expect: PSL105
        add_points(member_id, points // 10)
    DB.commit()


def print_members():
    cur = DB.cursor()
    cur.execute("SELECT id, points FROM members ORDER BY id")
    for member_id, points in cur.fetchall():  # expect: PSL105
        print(f"{member_id:>6} {points:>8}")
