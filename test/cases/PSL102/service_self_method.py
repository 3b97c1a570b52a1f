"""Price cache service: refreshes product prices from the database driver."""


class PriceCache:
    def __init__(self, conn):
        self.conn = conn
        self.prices = {}

    def _fetch_rows(self):  # expect: PSL102
        cur = self.conn.cursor()
        cur.execute("SELECT sku, cents, currency FROM prices")
        return [(sku, cents / 100, currency) for sku, cents, currency in cur]

    def refresh(self):
        prices = {}
        for sku, amount, currency in self._fetch_rows():
            prices[sku] = (amount, currency)
        self.prices = prices
