"""Warehouse picking: pick tasks are drained from a priority heap in order; the caller
reports how many tasks are left for the next wave before walking the picks.

Usage: python3 pick_waves.py [N]
"""
import heapq
import sys


def pending_tasks(n):
    tasks = [((i * 7919) % 1000, f"bin-{i % 400:03d}", i) for i in range(n)]
    heapq.heapify(tasks)
    return tasks


def wave(heap, size):
    picks = []
    for _ in range(min(size, len(heap))):
        priority, bin_id, task = heapq.heappop(heap)
        picks.append({"bin": bin_id, "task": task, "priority": priority})
    return picks


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    heap = pending_tasks(n)
    waves = 0
    while heap:
        picks = wave(heap, 250)
        left = len(heap)
        stops = 0
        for _pick in picks:
            stops += 1
        waves += 1
        if waves <= 3:
            print(f"wave {waves}: {stops} stops, {left} tasks left")
    print("waves:", waves)


if __name__ == "__main__":
    main()
