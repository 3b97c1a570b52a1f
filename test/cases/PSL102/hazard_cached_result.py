"""Country lookup tables, loaded once per process."""
import functools
import json


@functools.lru_cache(maxsize=None)
def country_codes(path):  # expect: PSL102 "cached"
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return [entry["alpha2"] for entry in data]


def is_known(path, code):
    return any(c == code for c in country_codes(path))
