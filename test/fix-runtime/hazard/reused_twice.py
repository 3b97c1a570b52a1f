"""Exam statistics: normalize the raw scores once, then walk them twice -- first for the mean,
then for the students above the mean. Turning normalize_scores into a generator would leave
the second loop with nothing to iterate.

Usage: python3 reused_twice.py [N]
"""
import sys


def score_cursor(n):
    """Stand-in for a database cursor: already streams."""
    for i in range(n):
        yield (f"student-{i:06d}", f"{(i * 7919) % 1000 / 10:.1f}", ("math", "physics", "chemistry")[i % 3])


def normalize_scores(cursor):
    rows = []
    for student, raw, subject in cursor:
        rows.append({"student": student, "score": float(raw), "subject": subject.upper(),
                     "label": f"{student} ({subject})"})
    return rows


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    rows = normalize_scores(score_cursor(n))
    total = 0.0
    count = 0
    for row in rows:
        total += row["score"]
        count += 1
    mean = total / count if count else 0.0
    above = 0
    best = None
    for row in rows:
        if row["score"] > mean:
            above += 1
        if best is None or row["score"] > best["score"]:
            best = row
    print(f"students={count} mean={mean:.3f} above_mean={above}")
    print(f"best={best['label'] if best else None}")


if __name__ == "__main__":
    main(sys.argv)
