"""Combat rules. The world comes from `setup.build_world`; this module never imports its class."""


def in_blast(players, radius):  # expect: PSL102
    return [p for p in players if p.hp > 0 and abs(p.x) + abs(p.y) <= radius]


def explode(world, radius, damage):
    knocked = 0
    for p in in_blast(world.players, radius):
        p.hp -= damage
        if p.hp <= 0:
            knocked += 1
            world.respawn(p)
    return knocked
