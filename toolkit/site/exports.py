"""Machine-readable index of the tools (site/tools.json) for learning platforms to import."""

from __future__ import annotations

import json
from typing import Any

from toolkit.content.model import AUDIENCES, KINDS
from toolkit.site.addresses import tool_uri, url_path


def tool_record(entry: Any, catalog: Any, site_url: str = "", use_directory_urls: bool = True) -> dict[str, Any]:
    """Describe one tool for tools.json."""
    tool = entry.tool
    url = url_path(tool_uri(tool.id), use_directory_urls)
    paper = catalog.papers[tool.source.paper]
    return {
        "id": tool.id,
        "title": tool.title,
        "summary": tool.summary,
        "kind": tool.kind,
        "kind_label": KINDS[tool.kind],
        "audiences": list(tool.audiences),
        "audience_labels": [AUDIENCES[a] for a in tool.audiences],
        "source": {
            "paper": tool.source.paper,
            "paper_title": paper.title,
            "paper_short": paper.short,
            "section": tool.source.section,
            "locator": tool.source.locator,
        },
        "path": url,
        "url": site_url.rstrip("/") + url if site_url else url.lstrip("/") or "./",
        "items": tool.entry_count(),
        "version": tool.version,
    }


def tools_json(catalog: Any, site_url: str = "", use_directory_urls: bool = True, local: set[str] | None = None) -> str:
    """Return tools.json: every published tool, sorted by id, with sorted keys and no timestamps.

    `url` is absolute when the site has a `site_url`, else relative to the site root.
    `origin` is "local" for a tool from a local overlay, else "toolkit".
    """
    local = local or set()
    tools = []
    for tool_id in sorted(catalog.tools):
        record = tool_record(catalog.tools[tool_id], catalog, site_url or "", use_directory_urls)
        record["origin"] = "local" if tool_id in local else "toolkit"
        tools.append(record)
    return json.dumps({"count": len(tools), "tools": tools}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
