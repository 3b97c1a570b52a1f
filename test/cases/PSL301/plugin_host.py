"""Plugins whose class is only known at run time (entry points, settings) get the host they serve."""
from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any


class PluginHost:
    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.plugins: list[Any] = []
        self.exporters: dict[str, Any] = {}
        self.summaries: list[str] = []

    def load_entry_points(self) -> None:
        for ep in entry_points(group="reporting.plugins"):
            self.plugins.append(ep.load()(self))  # expect: PSL301

    def load_exporter(self, name: str, dotted: str) -> Any:
        module_name, _, attr = dotted.rpartition(".")
        exporter_cls = getattr(importlib.import_module(module_name), attr)
        exporter = exporter_cls(self)  # expect: PSL301
        self.exporters[name] = exporter
        return exporter

    def describe_plugins(self) -> list[str]:
        # Built, asked and dropped: the host never keeps these.
        out = []
        for ep in entry_points(group="reporting.plugins"):
            plugin_cls = ep.load()
            out.append(plugin_cls(self).describe())
        return out

    def copy(self) -> PluginHost:
        clone = type(self)(dict(self.settings))
        clone.plugins = list(self.plugins)
        return clone

    def load_formatters(self, formatter_classes: list[type]) -> None:
        # Built from the settings only: nothing points back at the host.
        for formatter_cls in formatter_classes:
            self.plugins.append(formatter_cls(self.settings))
