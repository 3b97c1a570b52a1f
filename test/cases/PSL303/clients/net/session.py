class Session:
    def __init__(self, client) -> None:
        self.client = client
        self.cookies: dict[str, str] = {}
