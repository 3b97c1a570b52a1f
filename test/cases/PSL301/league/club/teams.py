from __future__ import annotations

from decimal import Decimal

from club.players import Fan, Player


class Team:
    def __init__(self, name: str) -> None:
        self.name = name
        self.roster: dict[int, Player] = {}
        self.fan_count = 0

    def sign(self, player: Player) -> None:
        self.roster[player.number] = player
        player.join(self)

    def welcome(self, fan: Fan) -> None:
        fan.follow(self)


class Sponsor:
    def __init__(self, name: str) -> None:
        self.name = name
        self.orders: list[SeasonOrder] = []

    def place(self, order: SeasonOrder) -> None:
        self.orders.append(order)


class SeasonOrder:
    def __init__(self, number: str, sponsor: Sponsor, amount: Decimal) -> None:
        self.number = number
        # The sponsor's `place` keeps the order: the order's link back is the cycle's back-reference.
        self.sponsor = sponsor  # expect: PSL301 "sponsor.place(self)"
        self.amount = amount
        sponsor.place(self)
