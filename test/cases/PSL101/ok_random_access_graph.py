"""Graph utilities: each step looks its input up by key, so it cannot stream."""


def adjacency(edges):
    graph = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    return graph


def reverse_graph(graph):
    reversed_ = {}
    for node in graph:
        for target in graph[node]:
            reversed_.setdefault(target, []).append(node)
    return reversed_


def leaves(graph):
    return [n for n in graph if not graph[n]]


def sinks(edges):
    return leaves(reverse_graph(adjacency(edges)))
