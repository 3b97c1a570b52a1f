"""Pure-Python linear regression: synthesize housing samples, clean and featurize them, then
train with mini-batch SGD for a few epochs and report the loss. The training set is read once
per epoch, so it stays a list; the preparation stages before it stream.

Usage: python3 sgd_regression.py [N]
"""
import math
import random
import sys
from dataclasses import dataclass


@dataclass
class Sample:
    area: float
    rooms: int
    age: float
    price: float


def synthesize(n, seed=7):
    rng = random.Random(seed)
    samples = []
    for _ in range(n):
        area = rng.uniform(30, 250)
        rooms = rng.randint(1, 7)
        age = rng.uniform(0, 80) if rng.random() > 0.05 else float("nan")
        price = 1200 * area + 9000 * rooms - 400 * (age if age == age else 40) + rng.gauss(0, 8000)
        samples.append(Sample(area, rooms, age, price))
    return samples


def drop_incomplete(samples):
    return [s for s in samples if not math.isnan(s.age)]


def featurize(samples):
    rows = []
    for s in samples:
        x = [1.0, s.area / 100.0, s.rooms / 5.0, s.age / 50.0, (s.area / 100.0) ** 2]
        rows.append((x, s.price / 100_000.0))
    return rows


def train(rows, epochs=4, lr=0.05, batch=32):
    weights = [0.0] * len(rows[0][0])
    for epoch in range(epochs):
        total = 0.0
        for start in range(0, len(rows), batch):
            grad = [0.0] * len(weights)
            chunk = rows[start:start + batch]
            for x, y in chunk:
                err = sum(w * xi for w, xi in zip(weights, x)) - y
                total += err * err
                for j, xi in enumerate(x):
                    grad[j] += err * xi
            weights = [w - lr * g / len(chunk) for w, g in zip(weights, grad)]
        print(f"epoch {epoch}: mse={total / len(rows):.5f}")
    return weights


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    rows = featurize(drop_incomplete(synthesize(n)))
    weights = train(rows)
    print("weights", " ".join(f"{w:.4f}" for w in weights))


if __name__ == "__main__":
    main(sys.argv)
