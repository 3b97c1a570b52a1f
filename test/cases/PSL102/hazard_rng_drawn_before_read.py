"""Loot tables for a dungeon crawler: one seeded RNG is shared by every roll."""
import random


def roll_drops(monsters, rng):  # expect: PSL102
    drops = []
    for m in monsters:
        if rng.random() < m["drop_rate"]:
            drops.append(m["loot"])
    return drops


def encounter(monsters, seed):
    rng = random.Random(seed)
    drops = roll_drops(monsters, rng)
    critical = rng.random() < 0.1
    return critical, [d.upper() for d in drops]
