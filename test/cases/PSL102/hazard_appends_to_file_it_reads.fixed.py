"""Incident digests: every ERROR line gets a follow-up note appended to the same log."""
import os


def error_lines(path):  # expect: PSL102
    found = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if " ERROR " in line:
                found.append(line.rstrip("\n"))
    return found


def annotate(path):
    for line in error_lines(path):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"NOTE seen: {line[:40]}\n")


def incidents(log_dir):  # expect: PSL102
    return (name for name in sorted(os.listdir(log_dir)) if name.endswith(".log"))


def export_each(log_dir, out_dir):
    for name in incidents(log_dir):
        with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8") as out:
            out.write(name)
