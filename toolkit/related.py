"""Which tools a tool page points on to: those declared in its YAML, then its nearest neighbours."""

from __future__ import annotations

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

    candidates = sorted((t for t in catalog.tools if t != tool_id and t not in chosen), key=closeness)
    for other_id in candidates:
        if len(chosen) >= AT_LEAST:
            break
        other = catalog.tool(other_id).tool
        if other.source.paper == tool.source.paper or set(other.audiences) & set(tool.audiences):
            chosen.append(other_id)
    return chosen
