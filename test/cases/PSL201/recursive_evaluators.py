"""Cell evaluation for the pricing sheet: cells refer to other cells, evaluated on demand."""
import ast
import operator

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_trees: dict[str, ast.expr] = {}  # expect: PSL201 "`_trees`"


def parse_formula(text: str) -> ast.expr:
    tree = _trees.get(text)
    if tree is None:
        tree = ast.parse(text.lstrip("="), mode="eval").body
        _trees[text] = tree
    return tree


class PricingSheet:
    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells

    # `value` and `_eval` only call each other: `value` is the sheet's API, run per request.
    def value(self, ref: str) -> float:
        raw = self.cells.get(ref, "0")
        return self._eval(parse_formula(raw)) if raw.startswith("=") else float(raw)

    def _eval(self, node: ast.expr) -> float:
        if isinstance(node, ast.BinOp):
            return _OPS[type(node.op)](self._eval(node.left), self._eval(node.right))
        if isinstance(node, ast.Name):
            return self.value(node.id)
        if isinstance(node, ast.Constant):
            return float(node.value)
        raise ValueError(f"unsupported formula node {ast.dump(node)}")
