# options: {"minStages": 3}
"""Two copying stages, below the configured threshold."""


def decode(lines):
    return [line.split("|") for line in lines]


def strip_fields(rows):
    return [[field.strip() for field in row] for row in rows]


def upper_names(rows):
    return [[row[0].upper(), *row[1:]] for row in rows]


def run(lines):
    for row in upper_names(strip_fields(lines)):
        print(row)
