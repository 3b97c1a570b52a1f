"""Bank transfer import: every row must balance."""


class ImportError_(Exception):
    pass


def validated_transfers(rows):  # expect: PSL102
    transfers = []
    for row in rows:
        if row["debit"] != row["credit"]:
            raise ImportError_(f"row {row['id']} does not balance")
        transfers.append((row["id"], row["debit"]))
    return transfers


def import_file(rows, ledger):
    try:
        transfers = validated_transfers(rows)
    except ImportError_:
        return False
    for tid, amount in transfers:
        ledger.book(tid, amount)
    return True
