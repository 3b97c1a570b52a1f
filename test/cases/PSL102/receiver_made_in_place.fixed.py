"""Template engine: the lexer is built and used in one expression."""
import re

TAG = re.compile(r"{{\s*(\w+)\s*}}")


class Lexer:
    def __init__(self, template):
        self.template = template

    def chunks(self):  # expect: PSL102
        pos = 0
        for m in TAG.finditer(self.template):
            yield ("text", self.template[pos:m.start()])
            yield ("var", m.group(1))
            pos = m.end()
        yield ("text", self.template[pos:])

    def variables(self):
        return [m.group(1) for m in TAG.finditer(self.template)]


def render(template, context):
    parts = []
    for kind, value in Lexer(template).chunks():
        parts.append(value if kind == "text" else str(context.get(value, "")))
    return "".join(parts)


def missing(template, context):
    names = Lexer(template).variables()
    return [n for n in names if n not in context], len(names)
