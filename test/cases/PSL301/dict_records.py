"""Directory sizes from a `find -printf "%s %p"` listing, kept in plain dicts."""
import sys


def build_tree(lines):
    root = {"name": "/", "size": 0, "parent": None, "children": {}}
    for line in lines:
        size, _, path = line.rstrip("\n").partition(" ")
        node = root
        for part in path.strip("/").split("/"):
            child = node["children"].get(part)
            if child is None:
                child = {"name": part, "size": 0, "parent": node, "children": {}}  # expect: PSL301
                node["children"][part] = child
            node = child
        node["size"] = int(size)
    return root


def attach(parent, name):
    node = {"name": name, "size": 0, "children": {}}
    parent["children"][name] = node
    node["parent"] = parent  # expect: PSL301
    return node


def build_index(lines):
    """Children by name only: nothing points back up."""
    root = {"name": "/", "children": {}}
    for line in lines:
        _, _, path = line.rstrip("\n").partition(" ")
        node = root
        for part in path.strip("/").split("/"):
            node = node["children"].setdefault(part, {"name": part, "parent_name": node["name"], "children": {}})
    return root


def total(node):
    return node["size"] + sum(total(c) for c in node["children"].values())


if __name__ == "__main__":
    print(total(build_tree(sys.stdin)))
