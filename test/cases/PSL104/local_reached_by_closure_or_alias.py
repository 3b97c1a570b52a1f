"""Session sweeper: the loop changes the dict through a helper that closes over it."""
import time


def sweep(sessions_by_id, ttl):
    live = dict(sessions_by_id)
    expired = []

    def drop(session_id):
        # Changes `live` while a loop over it would still be running.
        expired.append(live.pop(session_id))

    for session_id in list(live):
        if time.time() - live[session_id]["seen"] > ttl:
            drop(session_id)
    return live, expired


def rename_keys(mapping, prefix):
    renamed = {k: v for k, v in mapping.items()}
    table = renamed
    for key in list(renamed):
        table[prefix + key] = table.pop(key)
    return renamed


def audit(mapping):
    counts = {k: len(v) for k, v in mapping.items()}
    report = {"counts": counts}
    names = []
    for key in list(counts):  # expect: PSL104
        names.append(f"{key}={counts[key]}")
    return report, names
