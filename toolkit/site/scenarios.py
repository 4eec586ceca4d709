"""Scenario cards: situations, dilemmas and case examples from the papers, for group discussion.

A card is one YAML file in docs/scenarios/ (data, not published as it stands). It becomes a page
of its own, an entry on the cards index, and a card on the print sheets that put two or four
cards on each A4 page. Session plans (docs/paths/*.yml, `session.scenarios`) name cards by id.
Cards are checked like tools: unique ids, a known paper, known tools, `moved_from` redirects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from toolkit.content.ids import FileId, check_file_ids
from toolkit.content.issue import ContentError, Issue, dotted
from toolkit.content.load import LineMap, parse, read_yaml
from toolkit.content.model import AUDIENCES, ScenarioCard
from toolkit.site.addresses import (
    PAPERS_URI,
    SCENARIOS_DIR,
    SCENARIOS_INDEX_URI,
    rel,
    scenario_uri,
    sheet_uri,
    tool_uri,
)
from toolkit.site.templating import render_template

#: Print sheets: name -> (cards per A4 page, title).
SHEETS = {"print-two": (2, "Scenario cards, two to a page"), "print-four": (4, "Scenario cards, four to a page")}


def is_scenario_file(src_uri: str) -> bool:
    """Tell whether a file under docs/ is a scenario card's YAML (data, not published)."""
    return src_uri.startswith(SCENARIOS_DIR + "/") and src_uri.endswith((".yml", ".yaml"))


@dataclass
class LoadedCard:
    """A scenario card together with where it came from."""

    card: ScenarioCard
    file: str  # for messages
    lines: LineMap

    def line(self, *loc: Any) -> int:
        return self.lines.line(loc)


def card_files(folder: Path) -> list[Path]:
    """Return the card files under a docs folder, in a stable order."""
    where = folder / SCENARIOS_DIR
    return sorted(where.glob("*.yml")) if where.is_dir() else []


def load_card(file: Path, display: str) -> LoadedCard:
    """Load and validate one card file (model only)."""
    data, lines = read_yaml(file, display)
    return LoadedCard(parse(ScenarioCard, data, display, lines), display, lines)


def load_cards(files: list[tuple[Path, str]], papers: set[str], tools: set[str]) -> list[LoadedCard]:
    """Load every card and check its ids, paper and tools; raise ContentError listing every problem."""
    issues: list[Issue] = []
    loaded: list[LoadedCard] = []
    for file, display in files:
        try:
            loaded.append(load_card(file, display))
        except ContentError as exc:
            issues += exc.issues
    issues += check_file_ids((FileId(lc.card.id, lc.file, lc.line("id")) for lc in loaded), "scenario card")
    ids = {lc.card.id for lc in loaded}
    for lc in loaded:
        issues += check_card(lc, papers, tools, ids)
    if issues:
        raise ContentError(sorted(issues))
    return loaded


def _at(lc: LoadedCard, loc: tuple[Any, ...], message: str) -> Issue:
    return Issue(lc.file, lc.line(*loc), f"{dotted(loc)}: {message}")


def check_card(lc: LoadedCard, papers: set[str], tools: set[str], cards: set[str]) -> list[Issue]:
    """Return a problem for each unknown paper or tool, repeated tool, or clashing old id."""
    card = lc.card
    issues = []
    if card.source.paper not in papers:
        issues.append(
            _at(lc, ("source", "paper"), f"unknown paper {card.source.paper!r} (known: {', '.join(sorted(papers))})")
        )
    seen: set[str] = set()
    for i, tool in enumerate(card.tools):
        if tool not in tools:
            issues.append(_at(lc, ("tools", i), f"unknown tool {tool!r}"))
        elif tool in seen:
            issues.append(_at(lc, ("tools", i), f"tool {tool!r} is listed twice"))
        seen.add(tool)
    for i, old in enumerate(card.moved_from):
        if old in cards:
            issues.append(
                _at(lc, ("moved_from", i), f"{old!r} is the id of a card that exists; an old id must be free")
            )
    return issues


def title_key(title: str) -> str:
    """Sort key for card titles: case and opening quotation marks ignored."""
    return title.lower().lstrip("\"'“‘")


def _card_view(lc: LoadedCard, catalog: Any, page_uri: str) -> dict[str, Any]:
    card = lc.card
    paper = catalog.papers.get(card.source.paper)
    return {
        "card": card,
        "link": rel(scenario_uri(card.id), page_uri),
        "tools": [(catalog.tools[t].tool.title, rel(tool_uri(t), page_uri)) for t in card.tools if t in catalog.tools],
        "paper": paper.short if paper else card.source.paper,
        "paper_link": rel(PAPERS_URI, page_uri) + "#" + card.source.paper,
        "audiences": [AUDIENCES[a] if a == "hr-occupational-health" else AUDIENCES[a].lower() for a in card.audiences],
    }


def card_html(lc: LoadedCard, catalog: Any, page_uri: str, level: int = 2) -> Markup:
    """One card as an HTML block (for sheets, session plans and the card's own page)."""
    # Markup: the card is page text made by our own template, inserted as it stands into others.
    return Markup(render_template("partials/scenario-card.md.j2", v=_card_view(lc, catalog, page_uri), level=level))


def scenario_pages(
    cards: list[LoadedCard], catalog: Any, used_in: dict[str, list[tuple[str, str]]] | None = None
) -> dict[str, str]:
    """Return src_uri -> page text: a page per card, the index and the two print sheets.

    `used_in` maps a card id to [(title, src_uri)] of the session plans that use it.
    """
    used_in = used_in or {}
    ordered = sorted(cards, key=lambda lc: title_key(lc.card.title))
    pages: dict[str, str] = {}
    for lc in ordered:
        uri = scenario_uri(lc.card.id)
        pages[uri] = render_template(
            "pages/scenario.md.j2",
            v=_card_view(lc, catalog, uri),
            card_block=card_html(lc, catalog, uri, 0),
            index_link=rel(SCENARIOS_INDEX_URI, uri),
            sheets=[(title, rel(sheet_uri(name), uri)) for name, (_, title) in SHEETS.items()],
            plans=[(title, rel(plan, uri)) for title, plan in used_in.get(lc.card.id, [])],
        )
    by_paper: dict[str, list[dict[str, Any]]] = {}
    for lc in ordered:
        by_paper.setdefault(lc.card.source.paper, []).append(_card_view(lc, catalog, SCENARIOS_INDEX_URI))
    pages[SCENARIOS_INDEX_URI] = render_template(
        "pages/scenarios-index.md.j2",
        count=len(ordered),
        groups=[(catalog.papers[p].short if p in catalog.papers else p, views) for p, views in by_paper.items()],
        sheets=[(title, rel(sheet_uri(name), SCENARIOS_INDEX_URI)) for name, (_, title) in SHEETS.items()],
    )
    for name, (per_page, title) in SHEETS.items():
        uri = sheet_uri(name)
        pages[uri] = render_template(
            "pages/scenario-sheet.md.j2",
            title=title,
            per_page=per_page,
            index_link=rel(SCENARIOS_INDEX_URI, uri),
            cards=[card_html(lc, catalog, uri, 2) for lc in ordered],
        )
    return pages
