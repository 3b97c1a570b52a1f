"""Supplier feed handling: the feed arrives as pipe-separated text lines."""
from typing import Iterable, List, Tuple

SUPPLIERS = ("acme", "globex", "initech", "umbrella", "hooli")
FeedItem = Tuple[str, str, int, int, str]


def supplier_feed(n: int) -> List[str]:
    """Render the lines a supplier would send us."""
    return [
        f"{SUPPLIERS[i % 5]}|ITEM-{(i * 7) % (n // 2 + 1):07d}|{(i * 13) % 400}|{10 + (i * 3) % 90}|"
        f"lot {i // 100} warehouse {chr(65 + i % 6)} shelf {i % 120} remark: {'urgent ' * (i % 3)}ok"
        for i in range(n)
    ]


def parse_feed(lines: Iterable[str]) -> List[FeedItem]:
    items = []
    for line in lines:
        supplier, sku, qty, lead, remark = line.split("|", 4)
        items.append((supplier, sku, int(qty), int(lead), remark.strip()))
    return items
