"""Routing table kept by the service for every request."""


def load_routes(config):
    return [(r["prefix"], r["backend"]) for r in config["routes"]]


class Router:
    def __init__(self, config):
        self.routes = load_routes(config)

    def backend_for(self, path):
        for prefix, backend in self.routes:
            if path.startswith(prefix):
                return backend
        return None
