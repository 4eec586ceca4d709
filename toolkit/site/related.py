"""Which tools a tool page points on to: those declared in its YAML, then its nearest neighbours."""

from __future__ import annotations

import heapq
from typing import Any

#: How many related tools a page shows at least, when there are enough tools.
AT_LEAST = 3


def related(tool_id: str, catalog: Any) -> list[str]:
    """Declared related tools first; then tools from the same paper and with shared audiences."""
    tool = catalog.tool(tool_id).tool
    chosen = list(tool.related)
    if len(chosen) >= AT_LEAST:
        return chosen

    def closeness(other_id: str) -> tuple[int, int, str]:
        other = catalog.tool(other_id).tool
        same_paper = other.source.paper == tool.source.paper
        shared = len(set(other.audiences) & set(tool.audiences))
        return (-int(same_paper), -shared, other_id)

    # Only the nearest few are wanted: nsmallest is linear in the number of tools, a sort is not.
    wanted = AT_LEAST - len(chosen)
    candidates = heapq.nsmallest(wanted, (t for t in catalog.tools if t != tool_id and t not in chosen), key=closeness)
    for other_id in candidates:
        other = catalog.tool(other_id).tool
        if other.source.paper == tool.source.paper or set(other.audiences) & set(tool.audiences):
            chosen.append(other_id)
    return chosen
