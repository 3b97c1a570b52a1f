"""Stock take: the result is iterated, then counted."""


def count_sheets(paths):
    sheets = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            sheets.append(fh.read().splitlines())
    return sheets


def stock_take(paths):
    sheets = count_sheets(paths)
    for sheet in sheets:
        print(sheet[0])
    print(f"{len(sheets)} sheets counted")
