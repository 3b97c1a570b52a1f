"""Message parser: the header block is read from a shared iterator (and, for stored messages,
from the open file) up to the blank line; the caller then takes the rest as the body. A lazy
header reader would run only after the body had taken every line.

Usage: python3 iterator_read_by_caller.py [N]
"""
import os
import sys
import tempfile


def read_headers(lines):
    headers = []
    for line in lines:
        if not line.strip():
            break
        key, _, value = line.strip().partition(": ")
        headers.append((key.lower(), value))
    return headers


def message_lines(n):
    for i in range(n):
        yield f"X-Field-{i}: value {i * 7 % 13}\n"
    yield "\n"
    for i in range(n // 2):
        yield f"body line {i}\n"


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    it = iter(message_lines(n))
    headers = read_headers(it)
    body = [line.upper() for line in it]
    fields = 0
    for key, value in headers:
        fields += len(key) + len(value)
    print(f"fields={fields} body_lines={len(body)}")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "message.eml")
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(message_lines(n))
        with open(path, encoding="utf-8") as fh:
            stored = read_headers(fh)
            payload = fh.read()
            names = 0
            for key, _ in stored:
                names += key.startswith("x-field")
    print(f"stored_headers={names} payload_chars={len(payload)}")


if __name__ == "__main__":
    main(sys.argv)
