"""Directory listing sorted in place before it is returned."""
import os


def python_files(root):
    found = []
    for name in os.listdir(root):
        if name.endswith(".py"):
            found.append(name)
    found.sort()
    return found


def print_tree(root):
    for name in python_files(root):
        print(name)
