def lowercase(lines):
    return [line.lower() for line in lines]


def tokenize(lines):
    return [word for line in lines for word in line.split()]


def vocabulary(lines):
    return set(tokenize(lowercase(lines)))  # expect: PSL101
