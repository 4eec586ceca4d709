"""Decision-flow graph checks and walks."""

from __future__ import annotations

from collections import deque

from toolkit.content.model import Flow


def edges(flow: Flow) -> dict[str, list[str]]:
    """Return node id -> ids it leads to (outcomes lead nowhere)."""
    graph = {q.id: [a.next for a in q.answers] for q in flow.questions}
    graph.update({o.id: [] for o in flow.outcomes})
    return graph


def walk(flow: Flow) -> list[str]:
    """Return the ids of every node reachable from the start, in breadth-first order."""
    graph = edges(flow)
    order: list[str] = []
    seen: set[str] = set()
    todo = deque([flow.start])
    while todo:
        node = todo.popleft()
        if node in seen or node not in graph:
            continue
        seen.add(node)
        order.append(node)
        todo.extend(graph[node])
    return order


def reachable(flow: Flow) -> set[str]:
    """Return the ids of every node that can be reached from the start."""
    return set(walk(flow))


def dead_ends(flow: Flow) -> set[str]:
    """Return the question ids from which no outcome can ever be reached."""
    graph = edges(flow)
    reverse: dict[str, set[str]] = {n: set() for n in graph}
    for node, targets in graph.items():
        for target in targets:
            if target in reverse:
                reverse[target].add(node)
    good = {o.id for o in flow.outcomes}
    todo = deque(good)
    while todo:
        for parent in reverse[todo.popleft()]:
            if parent not in good:
                good.add(parent)
                todo.append(parent)
    return {q.id for q in flow.questions} - good


def numbering(flow: Flow) -> dict[str, int]:
    """Number the nodes for the printed tree: reachable questions first in walk order."""
    order = walk(flow)
    questions = [n for n in order if n in {q.id for q in flow.questions}]
    return {node: i + 1 for i, node in enumerate(questions)}
