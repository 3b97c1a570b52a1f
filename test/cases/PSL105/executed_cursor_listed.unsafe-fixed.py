"""Nightly report: the connection is handed in; the query shows it is a DB-API cursor."""


def total_amount(conn) -> float:
    cur = conn.execute("SELECT amount FROM payments WHERE settled = 1")
    return sum(amount for (amount,) in cur)  # expect: PSL105


def print_payments(conn) -> None:
    for row in conn.execute("SELECT id, amount FROM payments"):  # expect: PSL105
        print(row)


def migrate(conn) -> None:
    # Not a query: `execute` of a statement on some object is not known to be a cursor.
    result = conn.execute(make_statement())
    for row in list(result):
        print(row)


def make_statement():
    return "UPDATE payments SET settled = 1"
