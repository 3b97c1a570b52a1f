from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from club.teams import Team


class Player:
    def __init__(self, name: str, number: int) -> None:
        self.name = name
        self.number = number
        self.team: Optional[Team] = None
        self.team_name: Optional[str] = None

    def join(self, team: Team) -> None:
        # Called by Team.sign, which keeps the player in its roster.
        self.team = team  # expect: PSL301 "self.roster[player.number] = player"
        self.team_name = team.name

    def leave(self) -> None:
        self.team = None
        self.team_name = None


class Fan:
    """Fans only remember the name of the team they follow: no cycle."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.favourite: Optional[str] = None

    def follow(self, team: Team) -> None:
        self.favourite = team.name
        team.fan_count += 1
