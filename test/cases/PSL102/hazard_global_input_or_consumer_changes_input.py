"""Crawl frontier: the module-level frontier is handed to a filter while the crawl loop adds
newly found links to it; and a merge step that clears the index it is given before it reads the
entries built from that same index."""

FRONTIER = ["https://example.org/", "https://example.org/docs", "https://example.org/blog"]


def discover(url):
    FRONTIER.append(url + "next")


def fresh(urls):  # expect: PSL102
    return [u for u in urls if not u.endswith("next")]


def crawl(limit):
    seen = 0
    for url in fresh(FRONTIER):
        seen += 1
        if seen < limit:
            discover(url)
    return seen


def entries(index):  # expect: PSL102
    return [(term, len(postings)) for term, postings in index.items()]


def rebuild(pairs, index):
    index.clear()
    for term, count in pairs:
        index[term] = [count]
    return index


def compact(index):
    return rebuild(entries(index), index)


def word_counts(lines):  # expect: PSL102
    return [len(line.split()) for line in lines]


def summarize(counts, lines):
    return sum(counts), len(lines)


def report(lines):
    return summarize(word_counts(lines), lines)


class TermIndex:
    def __init__(self):
        self.terms = {}

    def _normalized(self, words):  # expect: PSL102
        return [w.lower() for w in words]

    def _index(self, words):
        terms = {}
        for w in words:
            terms[w] = terms.get(w, 0) + 1
        self.terms = terms

    def load(self, words):
        # `_index` writes to `self` and gets the result, not an input: safe.
        words = self._normalized(words)
        self._index(words)
