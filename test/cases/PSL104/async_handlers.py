"""Async web handlers: async comprehensions cannot become plain generator expressions."""
import asyncio
from collections.abc import AsyncIterator


async def fetch_amount(order_id: int) -> float:
    await asyncio.sleep(0)
    return order_id * 1.5


async def stream_orders(n: int) -> AsyncIterator[int]:
    for i in range(n):
        yield i


async def handler(order_ids: list[int]) -> dict[str, float]:
    # `await` inside: a generator expression would be an async generator, which sum() cannot read.
    total = sum([await fetch_amount(i) for i in order_ids])  # expect: PSL104
    # `async for`: same, reported without a fix.
    seen = set([i async for i in stream_orders(10)])  # expect: PSL104
    # A plain comprehension in an async function is fixed as usual.
    biggest = max([i * 2 for i in order_ids])  # expect: PSL104
    # `await` in a lambda body is not possible; a nested def's await does not count either.
    return {"total": total, "seen": float(len(seen)), "biggest": float(biggest)}


async def drain(queue: "asyncio.Queue[int]", pending: dict[int, asyncio.Task]) -> None:
    # The loop awaits: other tasks may change `pending` meanwhile, so the copy stays.
    for key in list(pending):
        await pending[key]
    async for item in ticker(list(pending)):
        print(item)


async def ticker(keys: list[int]) -> AsyncIterator[int]:
    for key in keys:
        yield key
