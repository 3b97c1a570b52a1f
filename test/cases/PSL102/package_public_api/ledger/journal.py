def journal_entries(transactions):
    entries = []
    for t in transactions:
        entries.append((t["date"], t["account"], t["amount"]))
    return entries


def balance(transactions):
    return sum(amount for _date, _account, amount in journal_entries(transactions))
