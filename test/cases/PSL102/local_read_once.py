"""Payroll summary for the monthly close."""


def gross_salaries(employees):  # expect: PSL102
    return [e["base"] + e.get("bonus", 0) for e in employees if e["active"]]


def payroll_total(employees):
    salaries = gross_salaries(employees)
    total = sum(salaries)
    return round(total, 2)


def top_earner(employees):
    best = max(gross_salaries(employees), default=0)
    return best
