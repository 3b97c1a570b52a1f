"""Log maintenance: append a digest to each log, index the directory, tag hot keys.
The consumers write to what the producers read while iterating their results: `error_lines(path)`
while lines are appended to `path` (lazily it would never end), `log_files(folder)` (an
`os.scandir` loop) while files are created in `folder`, `hot_keys(counts)` while keys are added.

Usage: python3 writes_what_it_reads.py [N]
"""
import os
import shutil
import sys
import tempfile


def write_logs(folder, n):
    for k in range(3):
        with open(os.path.join(folder, f"app{k}.log"), "w") as fh:
            for i in range(n // 3):
                fh.write(f"{i} level={'ERROR' if i % 41 == 0 else 'INFO'} svc=s{k} took={(i * 7) % 300}\n")


def error_lines(path):
    out = []
    with open(path) as fh:
        for line in fh:
            if "level=ERROR" in line:
                out.append(line.rstrip("\n"))
    return out


def log_files(folder):
    found = []
    with os.scandir(folder) as it:
        for entry in it:
            if entry.name.endswith(".log"):
                found.append(entry.name)
    return found


def hot_keys(counts, floor):
    return [k for k, v in counts.items() if v >= floor]


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 3000
    folder = tempfile.mkdtemp()
    try:
        write_logs(folder, n)
        total = 0
        for name in sorted(log_files(folder)):
            path = os.path.join(folder, name)
            for line in error_lines(path):
                total += 1
                with open(path, "a") as fh:
                    fh.write(f"digest {line.split()[0]} level=ERROR seen\n")
        print("errors digested:", total)
        made = 0
        for name in log_files(folder):
            with open(os.path.join(folder, name + ".log"), "w") as fh:
                fh.write("rotated\n")
            made += 1
        print("rotated files:", made, "now", len(os.listdir(folder)))
        counts = {f"k{i % 50}": i % 7 for i in range(n)}
        tagged = 0
        for key in hot_keys(counts, 5):
            counts[key + "_hot"] = 1
            tagged += 1
        print("tagged:", tagged, "keys:", len(counts))
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main(sys.argv)
