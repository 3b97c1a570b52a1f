"""Batch export: the exporters named in exporters.json, set up once per run."""
import importlib
import json
import sys

EXPORTERS = {}


def setup_exporters(cfg):
    for entry in cfg.get("exporters", []):
        mod_name, _, attr = entry.partition(":")
        EXPORTERS[attr or mod_name] = getattr(importlib.import_module(mod_name), attr or "export")


if __name__ == "__main__":
    with open("exporters.json") as fh:
        setup_exporters(json.load(fh))
    for path in sys.argv[1:]:
        for fn in EXPORTERS.values():
            fn(path)
