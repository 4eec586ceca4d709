"""The pages the toolkit generates: one per tool, the tool index and the list of papers."""

from __future__ import annotations

from .catalog import Catalog
from .render import PAPERS_URI, TOOLS_URI, render_template, render_tool, tool_uri

TOOLS_INDEX_URI = f"{TOOLS_URI}/index.md"


def generated_pages(catalog: Catalog) -> dict[str, str]:
    """Return src_uri -> page text for every generated page, in a stable order."""
    pages: dict[str, str] = {}
    for tool_id in sorted(catalog.tools):
        uri = tool_uri(tool_id)
        pages[uri] = render_tool(catalog.tool(tool_id), catalog, page_uri=uri)
    pages[TOOLS_INDEX_URI] = render_template("tools-index.md.j2", groups=catalog.by_kind())
    by_paper: dict[str, list] = {}
    for entry in sorted(catalog.tools.values(), key=lambda e: e.tool.title.lower()):
        by_paper.setdefault(entry.tool.source.paper, []).append(entry)
    pages[PAPERS_URI] = render_template(
        "papers.md.j2", papers=list(catalog.papers.values()), tools_by_paper=by_paper
    )
    return pages


def data_source(src_uri: str, catalog: Catalog) -> str | None:
    """Return the YAML file (relative to docs/) a generated page is made from, if any."""
    for entry in catalog.tools.values():
        if tool_uri(entry.tool.id) == src_uri:
            return entry.src_uri
    return None
