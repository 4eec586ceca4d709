"""A tool as page text: its template (templates/tools/) with what it needs for one page."""

from __future__ import annotations

from typing import Any

from toolkit.content.load import Loaded
from toolkit.content.model import audience_in_text
from toolkit.site import addresses
from toolkit.site.addresses import PAPERS_URI, anchor, page_url, rel, tool_uri
from toolkit.site.related import related
from toolkit.site.templating import render_template


def citation(paper: Any) -> str:
    """Return a paper's full reference as plain text: authors (year). Title. Series. Place: publisher."""
    out = f"{', '.join(paper.authors)} ({paper.year or 'n.d.'}). {paper.title.rstrip('.')}."
    if paper.series:
        out += f" {paper.series.rstrip('.')}."
    where = ": ".join(x for x in (paper.place, paper.publisher) if x)
    if where:
        out += f" {where.rstrip('.')}."
    if paper.url:
        out += f" {paper.url}"
    return out


def tool_context(
    entry: Loaded, catalog: Any, page_uri: str, level: int, downloads: Any = (), site_url: str = ""
) -> dict[str, Any]:
    """Collect what the tool templates need for one tool on one page.

    `downloads` lists (label, site path) of the tool's PDF and Word files, linked on its own page.
    """
    tool = entry.tool
    paper = catalog.papers[tool.source.paper]
    context: dict[str, Any] = {
        "tool": tool,
        "entry": entry,
        "page_uri": page_uri,
        "level": level,
        "h": lambda n: "#" * min(level + n, 6),
        "abbrs": catalog.abbreviations,
        "audiences": ", ".join(audience_in_text(a) for a in tool.audiences),
        "paper": paper,
        "citation": citation(paper),
        "page_url": page_url(tool_uri(tool.id), site_url),
        "downloads": [(label, rel(uri, page_uri)) for label, uri in downloads],
        "paper_link": rel(PAPERS_URI, page_uri) + "#" + tool.source.paper,
        "tool_link": rel(tool_uri(tool.id), page_uri),
        "on_own_page": page_uri == tool_uri(tool.id),
        # Links in tool text are written relative to the tool's own page, tools/<id>.md.
        "related": [(catalog.tools[r].tool.title, rel(tool_uri(r), page_uri)) for r in related(tool.id, catalog)],
        "guides": [(g.title, rel(g.page, page_uri)) for g in tool.guides],
        "has_answers": tool.HAS_ANSWERS,
        "support": getattr(catalog, "support", None),
        "support_anchor": anchor(tool.id, "support-note"),
    }
    context["team_link"] = rel(addresses.team_uri(tool.id), page_uri) if tool.offers_team_view() else None
    context |= tool.template_context()  # what the kind's own template needs
    # A tool that helps a reader find their place in this one (a pathway's where_next).
    next_id = getattr(tool, "where_next", None)
    context["where_next"] = None
    if next_id and next_id in catalog.tools:
        context["where_next"] = (catalog.tools[next_id].tool.title, rel(tool_uri(next_id), page_uri))
    return context


def render_tool(
    entry: Loaded, catalog: Any, *, page_uri: str, level: int = 1, downloads: Any = (), site_url: str = ""
) -> str:
    """Render a tool as page text, its title a heading of `level`, linking from `page_uri`."""
    context = tool_context(entry, catalog, page_uri, level, downloads, site_url)
    return render_template("tools/tool.md.j2", **context)
