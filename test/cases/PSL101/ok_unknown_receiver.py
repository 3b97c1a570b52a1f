"""The cleaner comes from a factory: its methods cannot be followed."""


def make_cleaner(kind):
    return __import__(kind).Cleaner()


def run(lines, kind):
    cleaner = make_cleaner(kind)
    return cleaner.dedupe(cleaner.normalize(lines))
