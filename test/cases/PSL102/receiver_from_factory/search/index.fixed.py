"""Inverted index for the docs site search box."""
from collections import defaultdict
from typing import Optional


class Index:
    def __init__(self):
        self.postings = defaultdict(set)
        self.titles = {}

    def add(self, doc_id, title, text):
        self.titles[doc_id] = title
        for word in text.lower().split():
            self.postings[word].add(doc_id)

    def vocabulary(self):  # expect: PSL102
        for word in sorted(self.postings):
            yield f"{word}\t{len(self.postings[word])}"

    def matching(self, word):
        return [self.titles[d] for d in sorted(self.postings.get(word, ()))]


def build_index(pages) -> Index:
    index = Index()
    for doc_id, (title, text) in enumerate(pages):
        index.add(doc_id, title, text)
    return index


def load_cached(path) -> Optional[Index]:
    return None
