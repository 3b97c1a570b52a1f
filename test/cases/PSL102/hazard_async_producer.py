"""Async price fetcher for the storefront."""
import asyncio


async def fetch_prices(client, skus):  # expect: PSL102 "async"
    prices = []
    for sku in skus:
        response = await client.get(f"/prices/{sku}")
        prices.append((sku, response["amount"]))
    return prices


async def cheapest(client, skus):
    best = None
    for sku, amount in await fetch_prices(client, skus):
        if best is None or amount < best[1]:
            best = (sku, amount)
    return best


if __name__ == "__main__":
    asyncio.run(cheapest(None, []))
