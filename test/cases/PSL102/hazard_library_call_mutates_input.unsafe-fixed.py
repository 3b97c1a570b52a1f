"""Warehouse picking: waves are drained from the caller's priority heap with `heapq.heappop`,
and the ranking is read after a late score is `bisect.insort`-ed into the input list."""
import bisect
import heapq
from heapq import heappop


def next_wave(heap, size):  # expect: PSL102
    for _ in range(min(size, len(heap))):
        priority, bin_id = heapq.heappop(heap)
        yield {"bin": bin_id, "priority": priority}


def drain_urgent(heap):  # expect: PSL102
    while heap and heap[0][0] < 10:
        yield heappop(heap)[1]


def over_threshold(scores, threshold):  # expect: PSL102
    return (s for s in scores if s >= threshold)


def preview(tasks, size):  # expect: PSL102
    # Pops from its own copy: the caller's list is untouched.
    heap = list(tasks)
    heapq.heapify(heap)
    for _ in range(min(size, len(heap))):
        yield heapq.heappop(heap)[1]


def run_wave(heap):
    stops = 0
    wave = next_wave(heap, 250)
    left = len(heap)
    for pick in wave:
        stops += 1
    for bin_id in drain_urgent(heap):
        stops += 1
    return stops, left


def late_entry(scores):
    ranked = over_threshold(scores, 50)
    bisect.insort(scores, 99)
    return sum(ranked)


def show(tasks):
    return ", ".join(preview(tasks, 5))
