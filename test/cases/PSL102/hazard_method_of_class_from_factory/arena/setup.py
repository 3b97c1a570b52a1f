"""Match setup: builds the world from the lobby."""
from arena.world import Player, World


def build_world(lobby):
    return World([Player(i, x, y, 100) for i, (x, y) in enumerate(lobby)])
