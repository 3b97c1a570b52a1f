"""An HTTP client: owns a session, which points back at it."""
from net.base import Resource
from net.session import Session


class Client(Resource):
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = Session(self)

    def get(self, path: str) -> str:
        return self.base_url + path
