import os
import sys
import time
import tomllib

from .registry import PLUGINS, SESSIONS, load_plugins

_mtimes: dict[str, float] = {}
_session_cache: dict[str, dict] = {}  # expect: PSL201 "`_session_cache`"


def watch_forever(interval: float = 2.0) -> None:
    while True:
        for name, module in list(PLUGINS.items()):
            previous = _mtimes.get(name)
            mtime = os.path.getmtime(module.__file__)
            if previous is not None and previous != mtime:
                print(f"{name} changed")
            _mtimes[name] = mtime
        for token in sorted(SESSIONS):
            if token not in _session_cache:
                _session_cache[token] = {"seen": time.time()}
            print(_session_cache[token])
        time.sleep(interval)


def main(argv: list[str]) -> int:
    with open(argv[1], "rb") as fh:
        load_plugins(tomllib.load(fh))
    watch_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
