"""Library calls (outside the project) between the steps are not followed."""
import json
import statistics


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def summary(path):
    values = sorted(map(float, load(path)["values"]))
    return statistics.median(values)
