"""Task board digest: the digest lines are prepared as a generator expression over the open
tasks, then the board is archived (the open list is emptied) before the digest is written.
Eagerly the tasks were read at the call; lazily they would be read after the archive.

Usage: python3 deferred_genexp.py [N]
"""
import sys

OPEN_TASKS = []
ARCHIVE = []


def load_board(n):
    for i in range(n):
        OPEN_TASKS.append({"id": i, "title": f"task {i}", "points": i % 8, "blocked": i % 11 == 0})


def actionable():
    ready = []
    for task in OPEN_TASKS:
        if not task["blocked"]:
            ready.append(task)
    return ready


def archive_all():
    ARCHIVE.extend(OPEN_TASKS)
    OPEN_TASKS.clear()


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    load_board(n)
    digest = (f"#{t['id']} {t['title']} ({t['points']})" for t in actionable())
    archive_all()
    lines = 0
    points = 0
    for line in digest:
        lines += 1
        points += int(line.rsplit("(", 1)[1].rstrip(")"))
    print(f"digest_lines={lines} points={points} archived={len(ARCHIVE)}")


if __name__ == "__main__":
    main(sys.argv)
