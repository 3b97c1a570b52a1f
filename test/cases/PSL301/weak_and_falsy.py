"""Regression (issue 6): weak containers reached through objects of unknown class, and `a and b`."""
import weakref


class PackageCache:
    def __init__(self) -> None:
        self.packages: dict[str, "Package"] = {}
        self._live_versions = weakref.WeakSet()


class Package:
    def __init__(self, cache: PackageCache, name: str) -> None:
        self.cache = cache
        self.name = name


class Version:
    def __init__(self, package, number: str) -> None:
        self.package = package
        self.number = number
        # `package` has no known class here, but every `_live_versions` in the project is a
        # WeakSet: the cache does not keep the version alive.
        self.package.cache._live_versions.add(self)


class Extension:
    def __init__(self, name: str, shared: bool) -> None:
        self.name = name
        self.shared = shared
        self.needs_stub = False


class BuildPlan:
    def __init__(self, extensions: list[Extension]) -> None:
        self.extensions = extensions
        self.shared = [ext for ext in extensions if ext.shared]

    def links_to_shared(self, ext: Extension) -> bool:
        return any(lib.name in ext.name for lib in self.shared)

    def plan(self) -> None:
        for ext in self.extensions:
            # `self.shared and …` is the list only when it is empty: the flag never holds it.
            links = self.shared and self.links_to_shared(ext)
            ext.needs_stub = links and not ext.shared
