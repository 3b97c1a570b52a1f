"""Lowering of a toy compiler's IR to stack-machine code."""
from __future__ import annotations

from dataclasses import dataclass, field

PASSES = []
_symbols: dict[str, int] = {}  # expect: PSL201 "`_symbols`"


@dataclass(eq=False)
class Function:
    name: str
    blocks: list[list[tuple[str, str]]] = field(default_factory=list)


def compiler_pass(fn):
    """Registers an optimisation pass, at import."""
    PASSES.append(fn)
    return fn


@compiler_pass
def drop_nops(fn: Function) -> Function:
    fn.blocks = [[ins for ins in block if ins[0] != "nop"] for block in fn.blocks]
    return fn


def symbol_id(name: str) -> int:
    if name not in _symbols:
        _symbols[name] = len(_symbols)
    return _symbols[name]


def lower_function(fn: Function) -> list[str]:
    """Called by the language server for every edited function."""
    for opt in PASSES:
        fn = opt(fn)
    code = []
    for block in fn.blocks:
        for op, arg in block:
            code.append(f"{op} {symbol_id(arg)}")
    return code
