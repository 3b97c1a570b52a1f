"""Newsletter sender: the helpers share one module-level connection."""
import sqlite3

DB = sqlite3.connect("newsletter.db")


def unsent_ids():  # expect: PSL102
    ids = []
    for (sub_id,) in DB.execute("SELECT id FROM subscribers WHERE sent = 0 ORDER BY signup"):
        ids.append(sub_id)
    return ids


def mark_sent(sub_id):
    # Run while a lazy `unsent_ids` is still reading its SELECT on the same connection.
    DB.execute("UPDATE subscribers SET sent = 1 WHERE id = ?", (sub_id,))


def send_all(mailer):
    for sub_id in unsent_ids():
        mailer.send(sub_id)
        mark_sent(sub_id)
    DB.commit()


def subscriber_emails():  # expect: PSL102
    return (email for (email,) in DB.execute("SELECT email FROM subscribers ORDER BY email"))


def export(out):
    for email in subscriber_emails():
        out.write(email + "\n")
