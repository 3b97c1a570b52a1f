"""League statistics for the quiz bot: per-player and per-channel counters."""
from collections import Counter, defaultdict

_player_stats = defaultdict(lambda: {"wins": 0, "games": 0})  # expect: PSL204 "`_player_stats`"
_answers_by_channel: defaultdict[str, Counter] = defaultdict(Counter)  # expect: PSL204 "`_answers_by_channel`"
_category_stats = defaultdict(lambda: {"asked": 0, "correct": 0})
_season_stats = defaultdict(lambda: {"wins": 0})
_team_scores: dict[str, dict[str, int]] = {}


def record_game(players: list[str], winner: str) -> None:
    for player in players:
        _player_stats[player]["games"] += 1
    _player_stats[winner]["wins"] += 1


def record_answer(channel: str, answer: str) -> None:
    _answers_by_channel[channel][answer.lower()] += 1


def record_round(category: str, correct: bool) -> None:
    _category_stats[category]["asked"] += 1
    if correct:
        _category_stats[category]["correct"] += 1


def ask_history(correct: bool) -> None:
    record_round("history", correct)


def ask_science(correct: bool) -> None:
    record_round("science", correct)


def record_season_win(player: str) -> None:
    _season_stats[player]["wins"] += 1


def end_season() -> None:
    _season_stats.clear()


def add_team_points(team: str, points: int) -> None:
    # A plain dict: `+=` on a missing team raises KeyError instead of adding it.
    _team_scores[team]["points"] += points
