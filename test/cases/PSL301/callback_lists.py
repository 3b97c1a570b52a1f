"""A small training loop with Keras-style callbacks handed in as a list."""
from __future__ import annotations

import math
from typing import Sequence


class Callback:
    def set_model(self, model: "Model") -> None:
        self.model = model  # expect: PSL301 "self.callbacks = list(callbacks)"

    def set_params(self, params: dict) -> None:
        self.params = dict(params)

    def on_epoch_end(self, epoch: int, loss: float) -> None:
        pass


class EarlyStopping(Callback):
    def __init__(self, patience: int = 3) -> None:
        self.patience = patience
        self.best = math.inf
        self.wait = 0

    def on_epoch_end(self, epoch: int, loss: float) -> None:
        if loss < self.best:
            self.best, self.wait = loss, 0
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.model.stop_training = True


class Model:
    def __init__(self, callbacks: Sequence[Callback] = ()) -> None:
        self.stop_training = False
        self.weights = [0.0, 0.0]
        self.callbacks = list(callbacks)
        for cb in self.callbacks:
            cb.set_model(self)
            # Only a copy of the settings: no reference to the model.
            cb.set_params({"epochs": 10, "lr": 0.1})

    def fit(self, data: list[tuple[float, float]], epochs: int = 10) -> None:
        for epoch in range(epochs):
            loss = 0.0
            for x, y in data:
                pred = self.weights[0] * x + self.weights[1]
                loss += (pred - y) ** 2
            for cb in self.callbacks:
                cb.on_epoch_end(epoch, loss)
            if self.stop_training:
                break
