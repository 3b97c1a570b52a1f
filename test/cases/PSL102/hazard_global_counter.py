"""Import statistics kept in module globals while parsing."""

SKIPPED = 0


def parse_rows(lines):  # expect: PSL102
    global SKIPPED
    rows = []
    for line in lines:
        if line.startswith("#"):
            SKIPPED += 1
            continue
        rows.append(line.split("\t"))
    return rows


def import_file(lines, db):
    for row in parse_rows(lines):
        db.insert(row)
    return SKIPPED
