"""Monthly statement job: the driver only returns whole result sets."""


def to_lines(rows):
    return ((acct, f"{amount:.2f}", memo or "") for acct, amount, memo in rows)


def mask_accounts(lines):
    return (("****" + acct[-4:], amount, memo) for acct, amount, memo in lines)


def statement(conn, month):
    cur = conn.cursor()
    cur.execute("SELECT account, amount, memo FROM booking WHERE month = ?", (month,))
    rows = cur.fetchall()  # expect: PSL101 "the result of `cur.fetchall()`"
    lines = mask_accounts(to_lines(rows))
    return "\n".join(";".join(line) for line in lines)
