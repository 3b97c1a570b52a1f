"""`docs-search dump` and `docs-search find` commands."""
import sys

from .index import build_index, load_cached


def dump(pages, out=sys.stdout):
    index = build_index(pages)
    out.write("\n".join(index.vocabulary()) + "\n")


def find(pages, word):
    # `matching` is used twice here, so it stays a list.
    index = load_cached("index.pickle") or build_index(pages)
    hits = index.matching(word)
    print(len(hits), "pages")
    for title in hits:
        print(title)
