"""Import bank statements: a parser object per account file."""
import sys


class StatementParser:
    def __init__(self, path, currency="EUR"):
        self.path = path
        self.currency = currency

    def transactions(self):  # expect: PSL102 "`transactions` builds a whole list"
        with open(self.path, encoding="utf-8") as fh:
            for raw in fh:
                date, amount, memo = raw.rstrip("\n").split(";", 2)
                yield (date, float(amount.replace(",", ".")), memo, self.currency)


def balance(path: str) -> float:
    parser = StatementParser(path)
    return sum(amount for _date, amount, _memo, _cur in parser.transactions())


if __name__ == "__main__":
    print(balance(sys.argv[1]))
