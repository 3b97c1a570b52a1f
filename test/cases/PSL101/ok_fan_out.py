"""One source, two independent views: no stage feeds another."""


def load(conn):
    cur = conn.execute("SELECT name, email, phone FROM contact")
    return cur.fetchall()


def emails(rows):
    return [r[1] for r in rows]


def phones(rows):
    return [r[2] for r in rows]


def contacts(conn):
    rows = load(conn)
    return emails(rows), phones(rows)
