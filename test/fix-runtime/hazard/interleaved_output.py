"""Payment batch: validation logs one line per payment while it builds the list, and booking
then logs one line per payment. As a generator the two kinds of log lines would interleave.

Usage: python3 interleaved_output.py [N]
"""
import sys


def payment_source(n):
    for i in range(n):
        yield {"ref": f"PAY-{i:07d}", "amount": (i * 313) % 9000 - 500, "iban": f"DE{i % 97:02d}5001051754{i:08d}"}


def validate_payments(payments):
    valid = []
    for p in payments:
        status = "ok" if p["amount"] > 0 else "rejected"
        print(f"validate {p['ref']} {status}")
        if status == "ok":
            valid.append({"ref": p["ref"], "cents": p["amount"] * 100, "iban": p["iban"]})
    return valid


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 40
    booked = 0
    for p in validate_payments(payment_source(n)):
        print(f"book {p['ref']} {p['cents']}")
        booked += p["cents"]
    print(f"booked={booked}")


if __name__ == "__main__":
    main(sys.argv)
