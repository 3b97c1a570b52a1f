import json
import sys

from .plugins import handle, load_plugins, remember


def main() -> int:
    with open(sys.argv[1]) as fh:
        load_plugins(json.load(fh))
    for row in json.load(open(sys.argv[2])):
        remember(row)
    for line in sys.stdin:
        handle(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
