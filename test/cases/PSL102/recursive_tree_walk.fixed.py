"""Category tree flattening for the shop's navigation menu."""


class Category:
    def __init__(self, name, children=()):
        self.name = name
        self.children = list(children)


def leaf_names(node):  # expect: PSL102 "all 2 of its callers"
    if not node.children:
        yield node.name
    for child in node.children:
        yield from leaf_names(child)


def menu_size(root):
    return sum(1 for _ in leaf_names(root))
