"""Log shipping: parse access-log lines into records."""
import re

LINE = re.compile(r'(?P<ip>\S+) \S+ \S+ \[(?P<ts>[^\]]+)\] "(?P<req>[^"]*)" (?P<status>\d{3})')


def parse_lines(lines):  # expect: PSL102
    return (m.groupdict() for m in map(LINE.match, lines) if m)


def status_codes(lines):  # expect: PSL102
    return map(lambda rec: int(rec["status"]), parse_lines(lines))


def error_count(lines):
    return sum(1 for code in status_codes(lines) if code >= 500)
