"""Leaderboard: the top entries are read by position."""


def ranked_players(scores):
    ranked = []
    for name, points in scores.items():
        ranked.append((points, name))
    return ranked


def podium(scores):
    ranked = ranked_players(scores)
    return ranked[0], ranked[1], ranked[2]
