"""Helpdesk API client: page through a (simulated) REST endpoint with cursor pagination, turn
the JSON payloads into ticket models, keep the open ones and report the backlog per team.

Usage: python3 tickets_sdk.py [N]
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, Optional

TEAMS = ["billing", "platform", "mobile", "data"]
PRIORITIES = ["low", "normal", "high", "urgent"]


class FakeTransport:
    """Serves `GET /tickets?cursor=...` from generated data, 100 tickets a page."""

    def __init__(self, total: int, page_size: int = 100) -> None:
        self.total = total
        self.page_size = page_size

    def get(self, path: str, params: dict[str, Any]) -> str:
        start = int(params.get("cursor") or 0)
        end = min(start + self.page_size, self.total)
        items = [
            {
                "id": i,
                "team": TEAMS[i % len(TEAMS)],
                "priority": PRIORITIES[(i * 7 + i // 4) % len(PRIORITIES)],
                "status": "closed" if i % 3 == 0 else "open",
                "subject": f"Ticket {i}: something is off with export #{i % 17}",
                "created_at": 1_700_000_000 + i * 60,
            }
            for i in range(start, end)
        ]
        next_cursor = str(end) if end < self.total else None
        return json.dumps({"data": items, "next": next_cursor})


@dataclass
class Ticket:
    id: int
    team: str
    priority: str
    status: str
    subject: str
    age_hours: float


class HelpdeskClient:
    def __init__(self, transport: FakeTransport, now: int) -> None:
        self.transport = transport
        self.now = now

    def list_tickets(self) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        cursor: Optional[str] = None
        while True:
            page = json.loads(self.transport.get("/tickets", {"cursor": cursor}))
            results.extend(page["data"])
            cursor = page["next"]
            if cursor is None:
                break
        return results

    def to_models(self, payloads: list[dict[str, Any]]) -> list[Ticket]:
        return [
            Ticket(p["id"], p["team"], p["priority"], p["status"], p["subject"],
                   (self.now - p["created_at"]) / 3600)
            for p in payloads
        ]

    def open_only(self, tickets: list[Ticket]) -> list[Ticket]:
        return [t for t in tickets if t.status == "open"]

    def backlog(self) -> dict[str, dict[str, int]]:
        report: dict[str, dict[str, int]] = {}
        for t in self.open_only(self.to_models(self.list_tickets())):
            team = report.setdefault(t.team, {})
            team[t.priority] = team.get(t.priority, 0) + 1
        return report


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    client = HelpdeskClient(FakeTransport(n), now=1_700_000_000 + n * 60)
    for team, counts in sorted(client.backlog().items()):
        print(team, " ".join(f"{p}={counts.get(p, 0)}" for p in PRIORITIES))


if __name__ == "__main__":
    main(sys.argv)
