"""Tag-team duel: each fighter knows its partner; the duel loop knocks out the partner of
every fighter still standing. A lazy `standing` filter would test the partners after they
were knocked out, not before."""
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Fighter:
    name: str
    hp: int
    partner: Optional["Fighter"] = None
    log: list = field(default_factory=list)

    def knock_out(self):
        self.hp = 0


def standing(fighters):  # expect: PSL102
    return (f for f in fighters if f.hp > 0)


def wounded(fighters):  # expect: PSL102
    return (f for f in fighters if 0 < f.hp < 50)


def healthy(fighters):  # expect: PSL102
    return (f for f in fighters if f.hp >= 50)


def duel(fighters):
    knocked = 0
    for f in standing(fighters):
        if f.partner is not None and f.partner.hp > 0:
            f.partner.knock_out()
            knocked += 1
    return knocked


def bench(fighters):
    for f in wounded(fighters):
        f.partner.hp = 0


def heal(fighters):
    # Changes only the item itself: the filter has already looked at it.
    for f in healthy(fighters):
        f.hp += 10
        f.log.append("healed")
