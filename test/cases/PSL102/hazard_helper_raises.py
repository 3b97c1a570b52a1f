"""Payroll import: each row is checked by a helper that rejects bad ones."""
import os


class PayrollError(ValueError):
    pass


def checked(row):
    if row["hours"] < 0 or row["rate"] <= 0:
        raise PayrollError(f"bad row for {row['employee']}")
    return row


def payslips(rows):  # expect: PSL102
    # A lazy version would raise only after the caller has paid the rows before the bad one.
    return [(row["employee"], checked(row)["hours"] * row["rate"]) for row in rows]


def pay_all(rows, bank):
    for employee, amount in payslips(rows):
        bank.transfer(employee, amount)


class Archive:
    def folder_for(self, period):
        # A stub subclasses override: not an error path of `files`.
        raise NotImplementedError

    def files(self, period):  # expect: PSL102
        found = []
        folder = self.folder_for(period)
        for name in sorted(os.listdir(folder)):
            found.append(os.path.join(folder, name))
        return found


class LocalArchive(Archive):
    def folder_for(self, period):
        return os.path.join("archive", period)


def list_period(period):
    archive = LocalArchive()
    for path in archive.files(period):
        print(path)
