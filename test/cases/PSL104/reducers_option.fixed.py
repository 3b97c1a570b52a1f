# options: {"reducers": ["sum", "any", "collections.Counter"]}
"""With a narrower reducer list: only sum, any and Counter are checked."""
from collections import Counter


def tally(events):
    total = sum(e.size for e in events)  # expect: PSL104
    kinds = Counter(e.kind for e in events)  # expect: PSL104 "`Counter([...])`"
    failed = any([e.failed for e in events])  # expect: PSL104
    # max is not selected by the option.
    largest = max([e.size for e in events])
    return total, kinds, failed, largest
