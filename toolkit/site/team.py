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
from toolkit.site.addresses import TEAM_INDEX_URI, rel, team_uri, tool_uri
from toolkit.site.templating import render_template

#: A level as the page lists it for team view: (id, label, ids it had before).
Level = tuple[str, str, list[str]]


@dataclass(frozen=True)
class Row:
    """One answerable entry as team.js keys it: the stored item id and its text."""

    id: str
    text: str
    section: str


def rows(tool: Any) -> list[Row]:
    """The entries people's answers are stored under, in page order (reflection parts as q-part)."""
    return [Row(key, text, section) for key, text, section in tool.answer_rows()]


def measure(tool: Any) -> tuple[str, list[Level], list[Level]]:
    """How answers compare: ("scale" | "status" | "tick" | "text"), ordered levels, levels set aside.

    A checklist's status words are levels in the order the tool lists them; the word that counts
    as not applicable is set aside (it is no level).
    """
    return tool.answer_measure()


def done_word(tool: Any) -> str:
    """The status word a tick saved before the list had statuses shows as ("" if none)."""
    return tool.done_status()


def team_pages(catalog: Catalog) -> dict[str, str]:
    """src_uri -> page text for every team view page and the index."""
    tools = [
        e.tool for e in sorted(catalog.tools.values(), key=lambda e: e.tool.title.lower()) if e.tool.offers_team_view()
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
            done=done_word(tool),
            tool_link=rel(tool_uri(tool.id), uri),
            index_link=rel(TEAM_INDEX_URI, uri),
        )
    pages[TEAM_INDEX_URI] = render_template(
        "pages/team-index.md.j2",
        tools=[(t, rel(team_uri(t.id), TEAM_INDEX_URI)) for t in tools],
    )
    return pages
