"""Sales rollup: the second step aggregates, it does not copy the rows."""
from collections import defaultdict


def parse_sales(lines):
    return [(region, float(amount)) for region, amount in (line.split(",") for line in lines)]


def totals_by_region(sales):
    totals = defaultdict(float)
    for region, amount in sales:
        totals[region] += amount
    return totals


def top_region(lines):
    totals = totals_by_region(parse_sales(lines))
    return max(totals, key=totals.get)
