"""A log analyzer that loads its parsers from modules named in the config file."""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class Analyzer:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.parsers: list[Any] = []
        self.versions: dict[str, str] = {}

    def load_parsers(self) -> None:
        for dotted in self.config.get("parsers", []):
            module = importlib.import_module(dotted)
            self.parsers.append(module.Parser(self))  # expect: PSL301

    def register_module(self, module):
        parser = module.Parser(self)  # expect: PSL301
        self.parsers.append(parser)
        return parser

    def check_versions(self, module: ModuleType) -> None:
        # Read and dropped: the analyzer keeps only strings.
        info = module.VersionInfo(self)
        self.versions[module.__name__] = str(info)
        self.versions["format"] = module.FORMAT
