"""Import statistics kept in module globals while parsing."""

SKIPPED = 0


def parse_rows(lines):  # expect: PSL102
    global SKIPPED
    for line in lines:
        if line.startswith("#"):
            SKIPPED += 1
            continue
        yield line.split("\t")


def import_file(lines, db):
    for row in parse_rows(lines):
        db.insert(row)
    return SKIPPED
