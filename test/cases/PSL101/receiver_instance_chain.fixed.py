"""Address cleanup using a configured normalizer object."""


class AddressNormalizer:
    def __init__(self, country):
        self.country = country

    def split_lines(self, addresses):
        return (a.splitlines() for a in addresses)

    def canonical(self, addresses):
        return (", ".join(part.strip().upper() for part in lines) + f", {self.country}" for lines in addresses)


def clean_addresses(raw_addresses, country="DE"):
    normalizer = AddressNormalizer(country)
    return len(set(normalizer.canonical(normalizer.split_lines(raw_addresses))))  # expect: PSL101
