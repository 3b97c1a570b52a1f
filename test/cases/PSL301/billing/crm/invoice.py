import itertools

_numbers = itertools.count(1000)


class Invoice:
    def __init__(self, customer, amount: float) -> None:
        self.number = next(_numbers)
        self.customer = customer  # expect: PSL301 "self.invoices.append(invoice)"
        self.amount = amount
        self.paid = False

    def pay(self) -> None:
        self.paid = True
