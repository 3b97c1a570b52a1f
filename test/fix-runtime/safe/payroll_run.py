#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Monthly payroll run, written long ago.

Usage: python payroll_run.py [N]
"""
import sys

GRADES = {'A': 5200.0, 'B': 4100.0, 'C': 3300.0, 'D': 2600.0}
TAX_BANDS = [(1000.0, 0.0), (3000.0, 0.2), (None, 0.4)]


class Employee(object):

    def __init__(self, emp_id, name, grade, hours, dept):
        self.emp_id = emp_id
        self.name = name
        self.grade = grade
        self.hours = hours
        self.dept = dept


def load_staff(n):
    staff = []
    i = 0
    while i < n:
        grade = 'ABCD'[i % 4]
        staff.append(Employee('E%06d' % i, 'Employee %d' % i, grade,
                              140 + (i * 7) % 60, 'dept-%d' % (i % 12)))
        i += 1
    return staff


def gross_pay(staff):
    result = []
    for emp in staff:
        base = GRADES[emp.grade]
        if emp.hours > 160:
            overtime = (emp.hours - 160) * base / 160.0 * 1.5
        else:
            overtime = 0.0
        result.append({'id': emp.emp_id, 'dept': emp.dept, 'gross': base + overtime,
                       'overtime': overtime})
    return result


def income_tax(gross):
    tax = 0.0
    lower = 0.0
    for upper, rate in TAX_BANDS:
        if upper is None or gross <= upper:
            return tax + (gross - lower) * rate
        tax = tax + (upper - lower) * rate
        lower = upper
    return tax


def deductions(slips):
    if not slips:
        return []
    out = []
    for slip in slips:
        pension = slip['gross'] * 0.05
        tax = income_tax(slip['gross'] - pension)
        out.append({'id': slip['id'], 'dept': slip['dept'], 'gross': slip['gross'],
                    'tax': tax, 'pension': pension,
                    'net': slip['gross'] - tax - pension})
    return out


def dept_totals(payslips):
    totals = {}
    for p in payslips:
        if p['dept'] not in totals:
            totals[p['dept']] = [0.0, 0.0, 0]
        t = totals[p['dept']]
        t[0] = t[0] + p['net']
        t[1] = t[1] + p['tax']
        t[2] = t[2] + 1
    return totals


def main():
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    else:
        n = 1000
    staff = load_staff(n)
    slips = gross_pay(staff)
    del staff
    totals = dept_totals(deductions(slips))
    keys = totals.keys()
    keys = sorted(keys)
    for k in keys:
        print('%-8s net=%12.2f tax=%11.2f heads=%d' % (k, totals[k][0], totals[k][1], totals[k][2]))


if __name__ == '__main__':
    main()
