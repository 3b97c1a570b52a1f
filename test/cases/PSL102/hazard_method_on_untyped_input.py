"""Arena server tick: the world is passed around without annotations, so the methods the
caller calls on it are only known by name; and an admission filter drains a token bucket it
is handed."""


class Player:
    def __init__(self, pid, x, y, hp):
        self.pid = pid
        self.x = x
        self.y = y
        self.hp = hp


class Arena:
    def __init__(self, players, zone):
        self.players = players
        self.zone = zone

    def respawn(self, victim):
        self.players.append(Player(victim.pid + 10_000, 0, 0, 100))

    def distance(self, player):
        return abs(player.x) + abs(player.y)


class TokenBucket:
    def __init__(self, capacity):
        self.tokens = capacity

    def take(self):
        if self.tokens > 0:
            self.tokens -= 1
            return True
        return False

    def peek(self):
        return self.tokens > 0


def in_blast(players, radius):  # expect: PSL102
    return [p for p in players if p.hp > 0 and abs(p.x) + abs(p.y) <= radius]


def standing(players):  # expect: PSL102
    return [p for p in players if p.hp > 0]


def admitted(requests, bucket):  # expect: PSL102
    allowed = []
    for req in requests:
        if bucket.take():
            allowed.append(req)
    return allowed


def previewed(requests, bucket):  # expect: PSL102
    shown = []
    for req in requests:
        if bucket.peek():
            shown.append(req)
    return shown


def explode(arena, radius, damage):
    knocked = 0
    for p in in_blast(arena.players, radius):
        p.hp -= damage
        if p.hp <= 0:
            knocked += 1
            arena.respawn(p)
    return knocked


def spread(arena):
    return sum(arena.distance(p) for p in standing(arena.players))


def serve(requests, bucket):
    for req in admitted(requests, bucket):
        print(req, bucket.tokens)
    for req in previewed(requests, bucket):
        print("preview", req)
