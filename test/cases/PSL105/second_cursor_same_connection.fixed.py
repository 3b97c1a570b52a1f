"""Job queue housekeeping on one SQLite connection with a read and a write cursor."""
import sqlite3


def queue_new_jobs(db_path):
    conn = sqlite3.connect(db_path)
    reader = conn.cursor()
    writer = conn.cursor()
    reader.execute("SELECT id FROM jobs WHERE state = 'new'")
    # The loop writes through a second cursor of the same connection: fetch the ids first.
    for (job_id,) in reader.fetchall():
        writer.execute("UPDATE jobs SET state = 'queued' WHERE id = ?", (job_id,))
    conn.commit()


def retry_failed(conn: sqlite3.Connection):
    pending = conn.cursor()
    pending.execute("SELECT id, attempts FROM jobs WHERE state = 'failed'")
    rows = pending.fetchall()
    updates = conn.cursor()
    for job_id, attempts in rows:
        updates.execute("UPDATE jobs SET state = 'new', attempts = ? WHERE id = ?", (attempts + 1, job_id))
    conn.commit()


def job_report(db_path, audit_path):
    conn = sqlite3.connect(db_path)
    jobs = conn.cursor()
    jobs.execute("SELECT id, state FROM jobs ORDER BY id")
    audit = sqlite3.connect(audit_path).cursor()
    # Another database's cursor: reading the jobs lazily is fine.
    for job_id, state in jobs:  # expect: PSL105
        audit.execute("INSERT INTO seen VALUES (?, ?)", (job_id, state))
    conn.close()
