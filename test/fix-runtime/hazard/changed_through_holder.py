"""An epidemic simulation step. Agents due for a check are picked first; then some are
quarantined (their state flips) before the picked agents are examined. The quarantine reaches the
agents through the object holding them (`quarantine(world)` after `due(world.agents)`), through
`self` (`self.isolate()` after `due(self.agents)`), and through a nested function over the
enclosing function's list: a lazy `due` would filter on the changed states.

Usage: python3 changed_through_holder.py [N]
"""
import sys


class Agent:
    def __init__(self, ident, state, days):
        self.ident = ident
        self.state = state
        self.days = days


def make_agents(n):
    return [Agent(i, "sick" if i % 7 == 0 else "well", i % 5) for i in range(n)]


class World:
    def __init__(self, agents):
        self.agents = agents


def due(agents):
    picked = []
    for a in agents:
        if a.state == "well" and a.days >= 2:
            picked.append(a)
    return picked


def quarantine(world):
    for a in world.agents:
        if a.ident % 3 == 0:
            a.state = "quarantined"


def world_step(world):
    pending = due(world.agents)
    quarantine(world)
    return sum(a.ident for a in pending)


def local_step(agents):
    def isolate_fours():
        for a in agents:
            if a.ident % 4 == 0:
                a.state = "isolated"

    pending = due(agents)
    isolate_fours()
    return sum(a.ident for a in pending)


class Ward:
    def __init__(self, agents):
        self.agents = agents

    def isolate(self):
        for a in self.agents:
            if a.ident % 5 == 3:
                a.state = "ward"

    def tick(self):
        pending = due(self.agents)
        self.isolate()
        return sum(a.ident for a in pending)


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    print("world:", world_step(World(make_agents(n))))
    print("local:", local_step(make_agents(n)))
    print("ward:", Ward(make_agents(n)).tick())


if __name__ == "__main__":
    main(sys.argv)
