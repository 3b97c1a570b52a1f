"""Each function only reads the rows; none builds a new collection."""


def print_rows(rows):
    for row in rows:
        print(*row)


def count_rows(rows):
    return sum(1 for _ in rows)


def report(rows):
    print_rows(rows)
    return count_rows(rows)
