"""Pitch and interval helpers for the score engraver."""
import functools

# One cache configuration for the whole module.
memoize = functools.lru_cache(maxsize=256)


def _midi_number(step, octave):
    return 12 * (octave + 1) + "C D EF G A B".index(step)


midi_number = functools.lru_cache(maxsize=None)(_midi_number)


@memoize
def interval_name(semitones):
    return ["unison", "minor second", "major second", "minor third"][semitones % 4]


class Pitch:
    def __init__(self, step, octave):
        self.step = step
        self.octave = octave

    @memoize  # expect: PSL202 "`@memoize` on method `interval_to`"
    def interval_to(self, other):
        return interval_name(abs(midi_number(other.step, other.octave) - midi_number(self.step, self.octave)))

    @staticmethod
    @memoize
    def parse_octave(text):
        return int(text[-1])
