"""Route parsing for the gateway: methodtools caches on functions and on methods."""
import methodtools


@methodtools.lru_cache(maxsize=None)  # expect: PSL201 "maxsize=None"
def parse_route(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part)


@methodtools.lru_cache(maxsize=512)
def route_depth(path: str) -> int:
    return len(parse_route(path))


class Router:
    def __init__(self, routes):
        self.routes = routes

    # Per instance: methodtools keeps the store on the Router, so it dies with it.
    @methodtools.lru_cache(maxsize=None)
    def match(self, path: str):
        return self.routes.get(parse_route(path))
