"""Nightly invoice job: pick the pending invoices, then mark each one sent on the same connection."""
import sqlite3


def pending_invoices(conn):  # expect: PSL102
    for inv_id, customer, amount in conn.execute(
        "SELECT id, customer, amount FROM invoices WHERE state = 'pending' ORDER BY due"
    ):
        yield {"id": inv_id, "customer": customer, "amount": amount}


def with_reference(invoices):  # expect: PSL102
    return ({**inv, "ref": f"INV-{inv['id']:06d}"} for inv in invoices)


def send_all(db_path, mailer):
    conn = sqlite3.connect(db_path)
    for inv in pending_invoices(conn):
        mailer.send(inv["customer"], inv["amount"])
        # A lazy SELECT on this connection would see this UPDATE (with an index on `state`
        # it can even revisit the rows it moved).
        conn.execute("UPDATE invoices SET state = 'sent' WHERE id = ?", (inv["id"],))
    conn.commit()


def reference_all(conn):
    batch = pending_invoices(conn)
    for inv in with_reference(batch):
        conn.executemany("INSERT INTO refs VALUES (?, ?)", [(inv["id"], inv["ref"])])
