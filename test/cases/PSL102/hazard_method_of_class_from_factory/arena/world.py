"""The arena's state: players and the shrinking safe zone."""


class Player:
    def __init__(self, pid, x, y, hp):
        self.pid = pid
        self.x = x
        self.y = y
        self.hp = hp


class World:
    def __init__(self, players):
        self.players = players
        self.next_id = len(players)

    def respawn(self, victim):
        # Appends to the roster a lazy filter over `self.players` would still be walking.
        self.players.append(Player(self.next_id, 0, 0, 100))
        self.next_id += 1
