"""Assembler front end: a source text is read as a stream of lines, first the `.directive`
block, then the instructions. Both readers share one stream."""
import io
import sys


def source_lines(text):
    for raw in text.splitlines():
        yield raw.rstrip()


def directives(lines):  # expect: PSL102
    for line in lines:
        if not line.startswith("."):
            break
        yield line[1:].split()


def instructions(lines):
    program = []
    for line in lines:
        if line:
            program.append(line.split(None, 1))
    return program


def assemble(text):
    lines = source_lines(text)
    header = directives(lines)
    body = instructions(lines)
    return {d[0]: d[1:] for d in header}, body


def assemble_buffer(text):
    buf = io.StringIO(text)
    header = directives(buf)
    body = instructions(buf)
    return [d for d in header], body


def assemble_stdin():
    fh = sys.stdin
    header = directives(fh)
    body = instructions(fh)
    return [d for d in header], body
