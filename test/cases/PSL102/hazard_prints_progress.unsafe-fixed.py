"""Invoice generation batch: prints progress while it builds the invoices."""


def build_invoices(orders):  # expect: PSL102
    for n, order in enumerate(orders, 1):
        if n % 1000 == 0:
            print(f"built {n} invoices")
        yield {"number": f"INV-{order['id']:06d}", "total": order["net"] * 1.19}


def send_all(orders, mailer):
    for invoice in build_invoices(orders):
        print("sending", invoice["number"])
        mailer.send(invoice)
