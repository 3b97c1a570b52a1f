"""Plugin loading for `pipe`: filled once from the config when the program starts."""
import importlib
from types import ModuleType

REGISTRY: dict[str, ModuleType] = {}
TRANSFORMS: dict[str, object] = {}
_seen_clients: set[str] = set()  # expect: PSL204 "`_seen_clients`"
_rows_by_key: dict[str, dict] = {}  # expect: PSL204 "`_rows_by_key`"


def load_plugins(cfg: dict) -> None:
    for name in cfg["plugins"]:
        module = importlib.import_module(name)
        REGISTRY[name] = module
        for tname, fn in getattr(module, "TRANSFORMS", {}).items():
            TRANSFORMS[f"{name}.{tname}"] = fn


def handle(line: str) -> None:
    client, _, _rest = line.partition(" ")
    _seen_clients.add(client)


def remember(row: dict) -> None:
    _rows_by_key[row["id"]] = row
