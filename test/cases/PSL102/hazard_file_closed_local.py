"""Read a word list from disk."""


def read_words(path):  # expect: PSL102 "with"
    with open(path, encoding="utf-8") as fh:
        words = [line.strip() for line in fh if line.strip()]
    return words


def longest_word(path):
    return max(read_words(path), key=len)
