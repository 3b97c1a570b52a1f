"""Newsletter: collect unique recipient addresses from several lists."""


def unique_recipients(lists):  # expect: PSL102 "the accumulator `seen` is read"
    seen = []
    for addresses in lists:
        for address in addresses:
            address = address.strip().lower()
            if address not in seen:
                seen.append(address)
    return seen


def send_newsletter(lists, smtp):
    for address in unique_recipients(lists):
        smtp.sendmail("news@example.org", address, "Hello!")
