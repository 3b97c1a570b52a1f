"""Not cyclic: a finalizer here is prompt."""
from net.base import Resource


class Counter(Resource):
    def __init__(self) -> None:
        self.hits = 0
