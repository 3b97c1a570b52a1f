"""Webhook ingestion: normalize provider payloads, then store them."""


def normalize_payloads(payloads):  # expect: PSL102
    out = []
    for p in payloads:
        match p:
            case {"type": "invoice.paid", "data": {"id": invoice_id, "amount": amount}}:
                out.append(("paid", invoice_id, amount))
            case {"type": "invoice.voided", "data": {"id": invoice_id}}:
                out.append(("voided", invoice_id, 0))
            case _:
                continue
    return out


def store(payloads, db):
    for kind, invoice_id, amount in (events := normalize_payloads(payloads)):
        db.execute("INSERT INTO events VALUES (?, ?, ?)", (kind, invoice_id, amount))
