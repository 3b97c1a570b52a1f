"""Toy compiler back end: lex an expression program, lower it to three-address IR,
fold constants, peephole away no-op moves and emit pseudo assembly.

Usage: python3 ir_compiler.py [N]
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class Token:
    kind: str
    text: str
    line: int


@dataclass
class Instr:
    op: str
    dst: str
    args: tuple[str, ...]
    line: int
    notes: list[str] = field(default_factory=list)


def render_source(n: int) -> list[str]:
    ops = ["+", "-", "*"]
    lines = []
    for i in range(n):
        a = f"v{i % 97}"
        lines.append(f"t{i} = {i % 13} {ops[i % 3]} {(i * 7) % 11} {ops[(i + 1) % 3]} {a}")
    return lines


def lex(lines: Iterable[str]) -> list[Token]:
    tokens = []
    for lineno, line in enumerate(lines, 1):
        for word in line.split():
            if word.isdigit():
                tokens.append(Token("num", word, lineno))
            elif word in "+-*=":
                tokens.append(Token("op", word, lineno))
            else:
                tokens.append(Token("name", word, lineno))
        tokens.append(Token("eol", "", lineno))
    return tokens


def lower(tokens: Iterable[Token]) -> list[Instr]:
    """Turn `dst = a op b op c` statements into two-operand IR."""
    out: list[Instr] = []
    stmt: list[Token] = []
    tmp = 0
    for tok in tokens:
        if tok.kind != "eol":
            stmt.append(tok)
            continue
        dst, _eq, a, op1, b, op2, c = stmt
        tmp += 1
        out.append(Instr(op1.text, f"%r{tmp}", (a.text, b.text), tok.line))
        out.append(Instr(op2.text, dst.text, (f"%r{tmp}", c.text), tok.line))
        stmt = []
    return out


def fold(ir: Iterable[Instr]) -> list[Instr]:
    folded = []
    for ins in ir:
        a, b = ins.args
        if a.isdigit() and b.isdigit():
            value = {"+": int(a) + int(b), "-": int(a) - int(b), "*": int(a) * int(b)}[ins.op]
            ins = Instr("mov", ins.dst, (str(value),), ins.line, ins.notes + ["folded"])
        folded.append(ins)
    return folded


def peephole(ir: Iterable[Instr]) -> list[Instr]:
    return [ins for ins in ir if not (ins.op == "*" and "1" in ins.args[1:])]


def emit(ir: Iterable[Instr]) -> list[str]:
    mnemonics = {"+": "add", "-": "sub", "*": "mul", "mov": "mov"}
    return [f"{mnemonics[i.op]:<4}{i.dst}, {', '.join(i.args)}  ; line {i.line}" for i in ir]


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    asm = emit(peephole(fold(lower(lex(render_source(n))))))
    counts: dict[str, int] = {}
    checksum = 0
    for text in asm:
        op = text.split()[0]
        counts[op] = counts.get(op, 0) + 1
        checksum = (checksum * 31 + len(text)) % 1_000_003
    print("instructions:", sum(counts.values()))
    for op in sorted(counts):
        print(f"  {op}: {counts[op]}")
    print("checksum:", checksum)


if __name__ == "__main__":
    main(sys.argv)
