"""Config migration: read every line of a settings file, then rewrite the same file in place
with the migrated keys. A lazy reader would only open the file after it has been truncated
for writing.

Usage: python3 file_rewrite.py [N]
"""
import os
import sys
import tempfile


def read_settings(path):
    lines = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            lines.append(line.rstrip("\n"))
    return lines


def migrate(line):
    return line.replace("db.host", "database.primary.host").replace("timeout_ms", "timeout.millis")


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "settings.ini")
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(f"db.host.{i} = 10.0.{i % 256}.{i % 7}\ntimeout_ms.{i} = {i * 10}\n")
        lines = read_settings(path)
        with open(path, "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(migrate(line) + "\n")
        with open(path, encoding="utf-8") as fh:
            migrated = fh.read()
    print(f"bytes={len(migrated)} lines={migrated.count(chr(10))}")
    print(migrated[:120])


if __name__ == "__main__":
    main(sys.argv)
