"""Decision-flow graph checks and walks."""

from __future__ import annotations

from collections import deque

from toolkit.content.kinds import Flow


def reachable(flow: Flow) -> set[str]:
    """Return the ids of every node that can be reached from the start (Flow.walk)."""
    return set(flow.walk())


def dead_ends(flow: Flow) -> set[str]:
    """Return the question ids from which no outcome can ever be reached."""
    graph = flow.edges()
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
