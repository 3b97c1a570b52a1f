"""Stock import: `report` prints each parsed line, and `main` rejects a bad batch with
`except ValueError` one call further up. The totals loop only adds up locals, and the nightly
job only guards against Ctrl-C: streaming those is fine."""
import sys


def parse(lines):  # expect: PSL102
    out = []
    for line in lines:
        sku, qty = line.split(",")
        out.append((sku, int(qty)))
    return out


def parse_quiet(lines):  # expect: PSL102
    return [(sku, int(qty)) for sku, qty in (line.split(",") for line in lines)]


def parse_nightly(lines):  # expect: PSL102
    return [line.split(",") for line in lines]


def report(lines):
    total = 0
    for sku, qty in parse(lines):
        print(" ", sku, qty)
        total += qty
    return total


def total_only(lines):
    total = 0
    for _sku, qty in parse_quiet(lines):
        total += qty
    return total


def nightly(lines):
    for sku, qty in parse_nightly(lines):
        print(sku, qty)


def main(batches):
    for batch in batches:
        try:
            print("total", report(batch), total_only(batch))
        except ValueError as exc:
            print("rejected:", exc, file=sys.stderr)
    try:
        nightly(batches[0])
    except KeyboardInterrupt:
        pass
