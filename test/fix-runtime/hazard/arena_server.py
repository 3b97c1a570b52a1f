"""Multiplayer arena tick: every living player in range of a bomb takes damage; a player
knocked out respawns as a new player at the spawn point (appended to the world's roster), who
must not be hit by the same bomb. Scoring then walks the players standing in the capture zone
while the zone shrinks.

Usage: python3 arena_server.py [N]
"""
import sys


class Player:
    def __init__(self, pid, x, y, hp):
        self.pid = pid
        self.x = x
        self.y = y
        self.hp = hp


class World:
    def __init__(self, n):
        self.players = [Player(i, (i * 37) % 200, (i * 91) % 200, 30 + i % 70) for i in range(n)]
        self.next_id = n
        self.zone = 120

    def respawn(self, victim):
        self.players.append(Player(self.next_id, 100, 100, 100))
        self.next_id += 1

    def shrink(self):
        self.zone -= 1


def in_blast(players, cx, cy, radius):
    hit = []
    for p in players:
        if p.hp > 0 and (p.x - cx) ** 2 + (p.y - cy) ** 2 <= radius * radius:
            hit.append(p)
    return hit


def in_zone(world):
    return [p for p in world.players if p.hp > 0 and abs(p.x - 100) + abs(p.y - 100) <= world.zone]


def explode(world, cx, cy, radius, damage):
    knocked = 0
    for p in in_blast(world.players, cx, cy, radius):
        p.hp -= damage
        if p.hp <= 0:
            knocked += 1
            world.respawn(p)
    return knocked


def score(world):
    points = 0
    for p in in_zone(world):
        points += p.hp
        world.shrink()
    return points


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    world = World(n)
    for k in range(5):
        print(f"bomb {k}: knocked={explode(world, 100, 100, 40 + k * 10, 45)} roster={len(world.players)}")
    print("score", score(world), "zone", world.zone)


if __name__ == "__main__":
    main(sys.argv)
