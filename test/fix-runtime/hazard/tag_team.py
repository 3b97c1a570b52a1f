"""Tag-team tournament: fighters are paired; in each round every fighter still standing
knocks out its partner if the partner is still up. `standing` must be decided before the
round starts: a lazy filter would skip the partners knocked out earlier in the same round.

Usage: python3 tag_team.py [N]
"""
import sys


class Fighter:
    def __init__(self, name, hp, speed):
        self.name = name
        self.hp = hp
        self.speed = speed
        self.partner = None
        self.wins = 0

    def knock_out(self):
        self.hp = 0


def make_roster(n):
    roster = [Fighter(f"f{i:05d}", 50 + (i * 37) % 60, (i * 11) % 7) for i in range(n)]
    for i in range(0, n - 1, 2):
        roster[i].partner = roster[i + 1]
        roster[i + 1].partner = roster[i]
    return roster


def standing(fighters):
    return [f for f in fighters if f.hp > 0]


def play_round(fighters):
    knocked = 0
    for f in standing(fighters):
        if f.partner is not None and f.partner.hp > 0 and f.speed % 3 != 1:
            f.partner.knock_out()
            f.wins += 1
            knocked += 1
    return knocked


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    roster = make_roster(n)
    print("fighters", len(roster))
    for rnd in range(3):
        print(f"round {rnd}: knocked out {play_round(roster)}")
    winners = sum(1 for f in roster if f.wins)
    print("winners", winners, "still up", sum(1 for f in roster if f.hp > 0))


if __name__ == "__main__":
    main(sys.argv)
