"""Train a word-level Markov chain on a synthetic corpus and generate sentences.
`corpus` draws from a `random.Random` of its own (streaming it keeps the draws in order);
`words_of` must stay a list (`train` slices it), `generate` reads its accumulator.

Usage: python3 markov_text.py [N]
"""
import random
import sys
from collections import Counter, defaultdict

WORDS = ("the", "cat", "sat", "on", "mat", "dog", "ran", "to", "park", "and", "saw", "a", "bird", "flew", "away")


def corpus(n):
    rng = random.Random(1234)
    sentences = []
    for _ in range(n):
        length = rng.randint(4, 11)
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(length)) + ".")
    return sentences


def words_of(sentences):
    words = []
    for s in sentences:
        words.extend(w.strip(".") for w in s.split())
        words.append("<eos>")
    return words


def train(words):
    chain = defaultdict(Counter)
    for a, b in zip(words, words[1:]):
        chain[a][b] += 1
    return chain


def lengths(sentences):
    return [len(s.split()) for s in sentences]


def generate(chain, rng, max_words):
    out = []
    word = "the"
    while len(out) < max_words:
        out.append(word)
        followers = chain.get(word)
        if not followers:
            break
        choices, weights = zip(*sorted(followers.items()))
        word = rng.choices(choices, weights)[0]
        if word == "<eos>":
            break
    return out


def vocabulary(sentences):
    return Counter(words_of(sentences))


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    chain = train(words_of(corpus(n)))
    rng = random.Random(99)
    for _ in range(3):
        print(" ".join(generate(chain, rng, 12)))
    hist = Counter(lengths(corpus(n)))
    print("length histogram:", sorted(hist.items()))
    print("mean length:", round(sum(lengths(corpus(n))) / n, 3))
    print("vocabulary:", sorted(vocabulary(corpus(n))))
    total_words = sum(1 for w in words_of(corpus(n)) if w != "<eos>")
    print("words:", total_words)


if __name__ == "__main__":
    main(sys.argv)
