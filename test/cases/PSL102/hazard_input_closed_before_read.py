"""Nightly export: fetch the customers, close the connection, then write the file."""


def fetch_customers(conn):  # expect: PSL102
    cur = conn.cursor()
    cur.execute("SELECT id, name, email FROM customers")
    return [(cid, name.strip(), email.lower()) for cid, name, email in cur]


def export(conn, path):
    customers = fetch_customers(conn)
    conn.close()
    with open(path, "w", encoding="utf-8") as out:
        for cid, name, email in customers:
            out.write(f"{cid};{name};{email}\n")
