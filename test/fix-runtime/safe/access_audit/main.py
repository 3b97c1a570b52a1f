"""Daily access audit: synthesize the IdP audit log, parse it, run the rules, count findings.

Usage: python3 main.py [N]
"""
import sys
from collections import Counter

import rules
from parsers import AuditLogParser

ACTIONS = ("login", "read", "update", "delete", "grant", "export", "logout")


def synthetic_audit_lines(n):
    lines = []
    for i in range(n):
        if i % 250 == 0:
            lines.append(f"# rotated segment {i // 250}")
        actor = f"admin{i % 5}" if i % 10 == 0 else f"user{i % 773}"
        lines.append(
            f"ts=2024-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z actor={actor} "
            f"action={ACTIONS[(i * 3) % len(ACTIONS)]} "
            f"resource={'/admin' if i % 17 == 0 else '/projects'}/{i % 311}/files/{i}.bin "
            f"ip={'203.0.113.' if i % 23 == 0 else '10.1.'}{i % 200} hour={i % 24} session=s{i * 7919 % 1000003:07d}"
        )
    return lines


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    parser = AuditLogParser(tz="Europe/Berlin")
    events = parser.parse(synthetic_audit_lines(n))
    per_rule = Counter()
    actors = Counter()
    examples = {}
    for finding in rules.evaluate(events):
        per_rule[finding["rule"]] += 1
        actors[finding["actor"]] += 1
        examples.setdefault(finding["rule"], finding["detail"])
    print(f"findings={sum(per_rule.values())} actors={len(actors)}")
    for rule in sorted(per_rule):
        print(f"  {rule:22s} {per_rule[rule]:6d}  e.g. {examples[rule]}")
    print("  top actor", sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[0])


if __name__ == "__main__":
    main(sys.argv)
