"""Runs one bomb round."""
from arena.combat import explode
from arena.setup import build_world


def round_one(lobby):
    world = build_world(lobby)
    return explode(world, 40, 150)
