"""Parsing a synthetic lock file: one `name==version ; deps=a,b` entry per line."""


def render_lock(n):
    lines = ["# generated lock file"]
    for i in range(n):
        deps = ",".join(f"pkg{(i * k + 1) % n}" for k in (2, 3) if (i * k + 1) % n > i)
        lines.append(f"pkg{i}=={1 + i % 4}.{i % 10}.{i % 3} ; deps={deps}")
    return lines


def parse_lock(lines):
    entries = []
    for line in lines:
        if line.startswith("#"):
            continue
        spec, _, deps = line.partition(" ; deps=")
        name, _, version = spec.partition("==")
        entries.append((name, tuple(int(p) for p in version.split(".")), tuple(d for d in deps.split(",") if d)))
    return entries


def outdated(entries, floor):
    return [name for name, version, _deps in entries if version < floor]
