"""CRM import: two lead batches are deduplicated against everything seen so far through a
default-argument set shared by every call. The second batch is reported first: eagerly it
excludes the first batch's contacts, lazily the first batch would exclude the second's.

Usage: python3 crm_dedupe.py [N]
"""
import sys


def lead_batch(n, offset):
    return [{"email": f"lead{(i * 3 + offset) % (n // 2 + 1)}@example.com", "source": offset} for i in range(n)]


def new_contacts(batch, _seen=set()):
    fresh = []
    for lead in batch:
        if lead["email"] in _seen:
            continue
        _seen.add(lead["email"])
        fresh.append(lead)
    return fresh


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    web_leads, fair_leads = lead_batch(n, 0), lead_batch(n, 1)
    print("leads:", len(web_leads) + len(fair_leads))
    web = new_contacts(web_leads)
    fair = new_contacts(fair_leads)
    print("trade fair:", sum(1 for _ in fair))
    print("web form:", sum(1 for _ in web))


if __name__ == "__main__":
    main()
