"""Team view pages: several people's exported answers to one tool, combined in the browser.

One page per tool whose kind has answers to compare (checklists, reflections, templates) and
that does not opt out with `team_view: false`, plus an index. The page lists the tool's items
and answer levels as plain HTML (what a reader sees without JavaScript); team.js reads that
list, takes the export files people chose or dropped, and builds the combined view. Nothing is
stored and nothing is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.content.catalog import Catalog
from toolkit.content.model import Checklist, Reflection, Template
from toolkit.site.render import rel, render_template, tool_uri

TEAM_DIR = "team"
TEAM_INDEX_URI = f"{TEAM_DIR}/index.md"
#: Status words in their order on a checklist with `statuses: true` (store.js TK.STATUS).
STATUS_LEVELS = [("not-started", "Not started"), ("in-progress", "In progress"), ("done", "Done")]
#: Statuses that are no level: left out of the spread's comparison.
STATUS_ASIDE = [("na", "Not applicable")]


def team_uri(tool_id: str) -> str:
    """The team view page of one tool (src_uri)."""
    return f"{TEAM_DIR}/{tool_id}.md"


def is_team_page(src_uri: str) -> bool:
    """Tell whether a page is one tool's team view (kept out of the navigation, like tool pages)."""
    return src_uri.startswith(TEAM_DIR + "/") and src_uri != TEAM_INDEX_URI


def offers_team_view(tool: Any) -> bool:
    """Tell whether a tool gets a team view: a kind with answers to compare, not opted out."""
    return isinstance(tool, (Checklist, Reflection, Template)) and tool.team_view


@dataclass(frozen=True)
class Row:
    """One answerable entry as team.js keys it: the stored item id and its text."""

    id: str
    text: str
    section: str


def rows(tool: Any) -> list[Row]:
    """The entries people's answers are stored under, in page order (reflection parts as q-part)."""
    out: list[Row] = []
    for section in tool.all_sections():
        title = section.title if tool.sections is not None else ""
        for entry in section.items:
            if isinstance(tool, Reflection) and entry.parts:
                out += [Row(f"{entry.id}-{p.id}", f"{entry.text} \u2014 {p.text}", title) for p in entry.parts]
            else:
                out.append(Row(entry.id, getattr(entry, "text", None) or entry.label, title))
    return out


def measure(tool: Any) -> tuple[str, list[tuple[str, str]], list[tuple[str, str]]]:
    """How answers compare: ("scale" | "status" | "tick" | "text"), ordered levels, levels set aside."""
    if isinstance(tool, Checklist):
        if tool.scale:
            return "scale", [(lv.id, lv.label) for lv in tool.scale], []
        if tool.statuses:
            return "status", STATUS_LEVELS, STATUS_ASIDE
        return "tick", [], []
    return "text", [], []


def team_pages(catalog: Catalog) -> dict[str, str]:
    """src_uri -> page text for every team view page and the index."""
    tools = [
        e.tool for e in sorted(catalog.tools.values(), key=lambda e: e.tool.title.lower()) if offers_team_view(e.tool)
    ]
    pages: dict[str, str] = {}
    for tool in tools:
        uri = team_uri(tool.id)
        kind, levels, aside = measure(tool)
        pages[uri] = render_template(
            "pages/team.md.j2",
            tool=tool,
            rows=rows(tool),
            measure=kind,
            levels=levels,
            aside=aside,
            page_uri=uri,
            tool_link=rel(tool_uri(tool.id), uri),
            index_link=rel(TEAM_INDEX_URI, uri),
        )
    pages[TEAM_INDEX_URI] = render_template(
        "pages/team-index.md.j2",
        tools=[(t, rel(team_uri(t.id), TEAM_INDEX_URI)) for t in tools],
    )
    return pages
