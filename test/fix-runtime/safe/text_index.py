"""Search indexer: load help-center articles, tokenize them, drop stop words, stem the tokens
and count term frequencies for the index statistics page.

Usage: python3 text_index.py [N]   (N = number of sentences, 6 per article)
"""
import re
import sys
from collections import Counter

TOKEN_RE = re.compile(r"[a-z0-9]+")
WORDS = ("account billing invoice payment password reset login shipping delivery return refund "
         "order tracking warranty device setup install update error connection network printer "
         "subscription cancel upgrade plan storage backup restore security privacy settings").split()
STOP_WORDS = frozenset("the a an and or to of in on for with your you is are how can i my it this".split())


def load_articles(n):
    articles = []
    for i in range(n):
        topic = WORDS[i % len(WORDS)]
        body = " ".join(
            f"How can I {WORDS[(i + k * 7) % len(WORDS)]} my {WORDS[(i * 3 + k) % len(WORDS)]}ing "
            f"settings for the {topic} in {2019 + k % 5}?"
            for k in range(6)
        )
        articles.append({"id": i, "title": f"{topic.title()} help #{i}", "body": body, "lang": "en"})
    return articles


def tokenize(articles):
    pairs = []
    for art in articles:
        pairs.extend((art["id"], tok) for tok in TOKEN_RE.findall(art["title"].lower()))
        pairs.extend((art["id"], tok) for tok in TOKEN_RE.findall(art["body"].lower()))
    return pairs


def drop_stop_words(pairs):
    return [(doc, tok) for doc, tok in pairs if tok not in STOP_WORDS]


def _stem(pair):
    doc, tok = pair
    for suffix in ("ing", "ed", "s"):
        if tok.endswith(suffix) and len(tok) > len(suffix) + 2:
            return doc, tok[: -len(suffix)]
    return doc, tok


def stem(pairs):
    return list(map(_stem, pairs))


def term_stats(pairs):
    tf = Counter()
    docs = set()
    total = 0
    for doc, tok in pairs:
        tf[tok] += 1
        docs.add(doc)
        total += 1
    return tf, len(docs), total


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    tf, ndocs, total = term_stats(stem(drop_stop_words(tokenize(load_articles(max(1, n // 6))))))
    print(f"docs={ndocs} tokens={total} vocabulary={len(tf)}")
    for term, count in sorted(tf.most_common(8)):
        print(f"  {term:12s} {count}")


if __name__ == "__main__":
    main(sys.argv)
