from crm.invoice import Invoice


class Customer:
    def __init__(self, name: str, email: str) -> None:
        self.name = name
        self.email = email
        self.invoices: list[Invoice] = []

    def bill(self, amount: float) -> Invoice:
        invoice = Invoice(self, amount)
        self.invoices.append(invoice)
        return invoice

    def balance(self) -> float:
        return sum(i.amount for i in self.invoices if not i.paid)
