"""Particle system step: particles due for a collision check are picked, then the holder of the
list is updated (sleeping particles are woken) before the picked ones are examined."""


class Particle:
    def __init__(self, pid, speed):
        self.pid = pid
        self.speed = speed
        self.asleep = speed < 0.1


class Scene:
    def __init__(self, particles):
        self.particles = particles


def moving(particles):  # expect: PSL102
    out = []
    for p in particles:
        if not p.asleep:
            out.append(p)
    return out


def wake_all(scene):
    for p in scene.particles:
        p.asleep = False


def collide(scene):
    active = moving(scene.particles)
    wake_all(scene)
    return sum(p.speed for p in active)


def settle(particles, threshold):
    def freeze_slow():
        for p in particles:
            if p.speed < threshold:
                p.asleep = True

    active = moving(particles)
    freeze_slow()
    return [p.pid for p in active]


class Simulation:
    def __init__(self, particles):
        self.particles = particles

    def kick(self):
        for p in self.particles:
            p.speed += 1.0
            p.asleep = False

    def step(self):
        active = moving(self.particles)
        self.kick()
        return max((p.speed for p in active), default=0.0)
