"""A tiny assembler front end: the `.directive` block, then the instructions, read from one
stream of lines (a generator, then an io.StringIO). `directives` must consume its block before
`instructions` starts, or the instructions would begin with the directives.

Usage: python3 local_stream_readers.py [N]
"""
import io
import sys


def render(n):
    lines = [".org 0x100", ".entry main"]
    lines.extend(f"op{i % 7} r{i % 4}, {i}" for i in range(n))
    return "\n".join(lines) + "\n"


def source_lines(text):
    for raw in text.splitlines():
        yield raw.rstrip()


def directives(lines):
    found = []
    for line in lines:
        if not line.startswith("."):
            break
        found.append(line[1:].split())
    return found


def buffer_directives(buf):
    found = []
    for line in buf:
        if not line.startswith("."):
            break
        found.append(line[1:].split()[0])
    return found


def instructions(lines):
    program = []
    for line in lines:
        if line.strip():
            program.append(line.split(None, 1))
    return program


def assemble(text):
    lines = source_lines(text)
    header = directives(lines)
    body = instructions(lines)
    return {d[0]: d[1:] for d in header}, body


def assemble_buffer(text):
    buf = io.StringIO(text)
    header = buffer_directives(buf)
    body = instructions(buf)
    return ",".join(header), len(body)


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    text = render(n)
    header, body = assemble(text)
    print("directives:", sorted(header), "instructions:", len(body), body[0] if body else None)
    print("buffer:", assemble_buffer(text))


if __name__ == "__main__":
    main(sys.argv)
