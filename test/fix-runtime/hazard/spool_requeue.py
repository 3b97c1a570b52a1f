"""Job runner over a spool file: every third job fails and is re-queued by appending it to the
same spool for the next run (through a helper, and directly for the alert spool). Eagerly the
spool was read before the run; a lazy reader still has it open and would run the re-queued jobs
too.

Usage: python3 spool_requeue.py [N]
"""
import os
import sys
import tempfile


def read_jobs(path):
    jobs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            name, _, attempts = line.strip().partition(":")
            jobs.append((name, int(attempts)))
    return jobs


def read_alerts(path):
    alerts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            alerts.append(line.strip().upper())
    return alerts


def requeue(path, name, attempts):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"{name}:{attempts + 1}\n")


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        spool = os.path.join(tmp, "jobs.spool")
        alert_spool = os.path.join(tmp, "alerts.spool")
        with open(spool, "w", encoding="utf-8") as fh:
            fh.writelines(f"job{i}:0\n" for i in range(n))
        with open(alert_spool, "w", encoding="utf-8") as fh:
            fh.writelines(f"disk{i % 7} full\n" for i in range(n // 10))
        ran = failed = 0
        for name, attempts in read_jobs(spool):
            if (ran + failed) % 3 == 2 and attempts < 2:
                failed += 1
                requeue(spool, name, attempts)
            else:
                ran += 1
        paged = 0
        escalated = False
        for alert in read_alerts(alert_spool):
            paged += 1
            if alert.startswith("DISK0") and not escalated:
                escalated = True
                with open(alert_spool, "a", encoding="utf-8") as fh:
                    fh.write("disk0 still full\n")
        with open(spool, encoding="utf-8") as fh:
            queued = sum(1 for _ in fh)
    print(f"ran={ran} failed={failed} queued={queued} paged={paged}")


if __name__ == "__main__":
    main(sys.argv)
