"""Session cache expiry: iterate over a snapshot of the keys while deleting expired entries.
Here list(...) is required -- iterating the dict itself while deleting raises RuntimeError.

Usage: python3 list_copy_mutation.py [N]
"""
import sys


def expire(cache, now):
    removed = 0
    for key in list(cache):
        if cache[key]["expires"] < now:
            del cache[key]
            removed += 1
    return removed


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    cache = {f"session:{i:06d}": {"user": i % 300, "expires": 1000 + (i * 37) % 500} for i in range(n)}
    removed = expire(cache, 1250)
    print(f"removed={removed} kept={len(cache)}")


if __name__ == "__main__":
    main(sys.argv)
