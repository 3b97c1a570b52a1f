"""Data sources for the sales pipeline (stand-ins for the POS export and the FX service)."""

STORES = ["BER-01", "BER-02", "MUC-01", "HAM-01", "LON-01", "LON-02", "NYC-01", "TOK-01"]
CURRENCY_OF = {"BER": "EUR", "MUC": "EUR", "HAM": "EUR", "LON": "GBP", "NYC": "USD", "TOK": "JPY"}


def load_fx_rates() -> dict[str, float]:
    return {"EUR": 1.0, "GBP": 1.17, "USD": 0.92, "JPY": 0.0062}


def load_sales(n: int) -> list[dict]:
    sales = []
    for i in range(n):
        store = STORES[(i * 3) % len(STORES)]
        sales.append({
            "receipt": f"{store}-{i:09d}",
            "store": store,
            "currency": CURRENCY_OF[store[:3]],
            "amount": str(((i * 48271) % 30000 + 100) / 100 * (150 if store.startswith("TOK") else 1)),
            "cashier": f"cashier-{i % 41:02d}",
            "lines": f"{1 + i % 6} items; loyalty={'yes' if i % 4 == 0 else 'no'}; coupon=C{i % 19}",
        })
    return sales
