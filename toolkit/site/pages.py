"""The pages the toolkit generates: one per tool, the tool finder, the papers and the glossary
(:func:`generated_pages`); learning paths, scenario cards, sessions, the links page, the
accessibility statement and the local overlay's pages (:func:`build_pages`)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.content.catalog import Catalog
from toolkit.content.model import AUDIENCES, KINDS, audience_in_text
from toolkit.site import addresses, glossary, paths, scenarios, sessions
from toolkit.site.addresses import GLOSSARY_URI, PAPERS_URI, TOOLS_INDEX_URI, rel, tool_of, tool_uri
from toolkit.site.build_state import BuildState
from toolkit.site.finder import TIME_BANDS, facets
from toolkit.site.links import Redirect
from toolkit.site.packs import pack_pages
from toolkit.site.team import team_pages
from toolkit.site.templating import render_template
from toolkit.site.tools import render_tool

#: Blocks shown only in print (the full citation), where glossary terms get no tooltip.
_PRINT_ONLY = re.compile(r'<div class="tk-print-only[^"]*"[^>]*>.*?</div>\n', re.S)
#: The support note's text: the same boilerplate on every personal tool, and raw HTML that gets no
#: glossary marking, so no term counts as used there.
_SUPPORT_TEXT = re.compile(r'<div class="tk-support-text">.*?</div>\n', re.S)


def generated_pages(
    catalog: Catalog,
    authored: Mapping[str, tuple[str, str]] | None = None,
    *,
    downloads: Mapping[str, list] | None = None,
    site_url: str = "",
) -> dict[str, str]:
    """Return src_uri -> page text for every generated page, in a stable order.

    `authored` maps the site's own Markdown pages to (title, text), for the glossary's
    "used in" links. `downloads` maps "tool:<id>" to [(label, site path)]
    of the PDF and Word files to link.
    """
    downloads = downloads or {}
    pages: dict[str, str] = {}
    for tool_id in sorted(catalog.tools):
        uri = tool_uri(tool_id)
        pages[uri] = render_tool(
            catalog.tool(tool_id),
            catalog,
            page_uri=uri,
            site_url=site_url,
            downloads=downloads.get(f"tool:{tool_id}", ()),
        )
    pages[TOOLS_INDEX_URI] = tools_index(catalog)
    by_paper: dict[str, list] = {}
    for entry in sorted(catalog.tools.values(), key=lambda e: e.tool.title.lower()):
        by_paper.setdefault(entry.tool.source.paper, []).append(entry)
    pages[PAPERS_URI] = render_template(
        "pages/papers.md.j2", papers=list(catalog.papers.values()), tools_by_paper=by_paper
    )
    if catalog.glossary:
        texts = dict(authored or {})
        texts.update(
            {tool_uri(t): (catalog.tool(t).tool.title, _screen_text(pages[tool_uri(t)])) for t in catalog.tools}
        )
        used = glossary.usage(catalog.glossary, texts)
        terms = sorted(catalog.glossary, key=lambda t: t.term.lower())
        pages[GLOSSARY_URI] = render_template(
            "pages/glossary.md.j2",
            terms=[(t, [(title, rel(uri, GLOSSARY_URI)) for title, uri in used[t.id]]) for t in terms],
        )
    pages.update(pack_pages(catalog, site_url=site_url))
    pages.update(team_pages(catalog))
    return pages


def tools_index(catalog: Catalog) -> str:
    """The list of every tool, grouped by kind, with the finder's filters (used when JS runs)."""
    groups = {kind: [(e, facets(e)) for e in entries] for kind, entries in catalog.by_kind().items()}
    present = [f for entries in groups.values() for _, f in entries]
    options = [
        ("audience", "Who it is for", list(AUDIENCES.items())),
        ("kind", "Kind of tool", [(k, KINDS[k]) for k in groups]),
        ("paper", "Source paper", [(p, catalog.papers[p].short) for p in catalog.papers]),
        ("time", "Time needed", [(t, label) for t, (label, _, _) in TIME_BANDS.items()]),
    ]
    # Each option that finds a tool, with the number it finds when nothing else is chosen: the
    # numbers the finder would write when it starts, written here so the page does not move then.
    filters = [
        (facet, legend, [(v, label, n) for v, label in choices if (n := sum(v in f.values(facet) for f in present))])
        for facet, legend, choices in options
    ]
    return render_template(
        "pages/tools-index.md.j2",
        groups=groups,
        filters=filters,
        total=len(present),
        papers=catalog.papers,
        audiences=lambda ids: ", ".join(audience_in_text(a) for a in ids),
    )


def data_source(src_uri: str, catalog: Catalog) -> str | None:
    """Return the YAML file (relative to docs/) a generated page is made from, if any."""
    tool_id = tool_of(src_uri)
    entry = catalog.tools.get(tool_id) if tool_id is not None else None
    return entry.src_uri if entry is not None and tool_uri(entry.tool.id) == src_uri else None


def _screen_text(text: str) -> str:
    """Page text as read on screen, for the glossary's "used in": without its print-only blocks and
    the support note."""
    return _SUPPORT_TEXT.sub("", _PRINT_ONLY.sub("", text))


def build_pages(state: BuildState, doc_uris: list[str]) -> dict[str, str]:
    """Return the pages made from the rest of the content: the links page, the accessibility
    statement, hidden tools' notices, the local overlay's index, learning paths, audiences,
    scenario cards and session pages. Loads the paths and cards into `state` (their checks need
    every page's address, so they come after the other pages) and records the cards' redirects."""
    assert state.full is not None
    out: dict[str, str] = {addresses.LINKS_URI: render_template("pages/links.md.j2")}
    # The accessibility statement: a template the overlay's `accessibility` settings complete.
    settings = state.overlay.settings if state.overlay else None
    out[addresses.ACCESSIBILITY_URI] = render_template(
        "pages/accessibility.md.j2",
        s=settings,
        a=settings.accessibility if settings else None,
        guide=addresses.AUTHORING_URI in doc_uris,  # a project without the authoring guide gets no link to it
    )
    for tool_id, entry in state.hidden.items():
        out[tool_uri(tool_id)] = state.overlay.hidden_page(entry.tool)  # type: ignore[union-attr]
    overlay_pages = state.overlay.pages() if state.overlay else {}
    if state.overlay and addresses.LOCAL_INDEX_URI not in overlay_pages:
        out[addresses.LOCAL_INDEX_URI] = state.overlay.about_page()
    folders = [state.docs_dir] + ([state.overlay.folder] if state.overlay else [])
    files = [(f, state.display(f)) for folder in folders for f in paths.path_files(folder)]
    predicted = {addresses.path_uri(f.stem) for f, _ in files} | {addresses.PATHS_INDEX_URI}
    predicted |= {addresses.audience_uri(a) for a in paths.AUDIENCES} | {addresses.AUDIENCES_INDEX_URI}
    known = set(doc_uris) | set(out) | set(overlay_pages) | predicted
    known |= {tool_uri(t) for t in state.full.tools}
    cards = scenarios.load_cards(
        [(f, state.display(f)) for f in scenarios.card_files(state.docs_dir)],
        set(state.full.papers),
        set(state.full.tools),
    )
    known |= {u for f, _ in files for u in addresses.session_uris(f.stem)}
    known |= {addresses.scenario_uri(c.card.id) for c in cards} | {addresses.SCENARIOS_INDEX_URI}
    known |= {addresses.sheet_uri(name) for name in scenarios.SHEETS}
    loaded = paths.load_paths(files, set(state.full.tools), known, {c.card.id for c in cards})
    state.paths = [lp for lp in (_without_hidden(lp, state.hidden) for lp in loaded) if lp is not None]
    out |= paths.path_pages(state.paths, state.shown)
    state.cards = cards
    made = scenarios.scenario_pages(cards, state.shown, sessions.used_in(state.paths))
    made |= sessions.session_pages(state.paths, {c.card.id: c for c in cards}, state.shown)
    state.off_nav = set(made) - {addresses.SCENARIOS_INDEX_URI}
    out |= made
    state.registry.redirects.update(card_redirects(cards, state.use_directory_urls))
    return out


def card_redirects(cards: list[scenarios.LoadedCard], use_directory_urls: bool = True) -> dict[str, Redirect]:
    """The redirects that scenario cards' `moved_from` declare (old address -> the card's)."""
    out = {}
    for lc in cards:
        for old in lc.card.moved_from:
            out[addresses.url_path(addresses.scenario_uri(old), use_directory_urls)] = Redirect(
                addresses.url_path(addresses.scenario_uri(lc.card.id), use_directory_urls),
                f"card-{old}",
                f"card-{lc.card.id}",
            )
    return out


def _without_hidden(lp: paths.LoadedPath, hidden: Mapping[str, object]) -> paths.LoadedPath | None:
    steps = [s for s in lp.path.steps if s.tool not in hidden]
    if len(steps) == len(lp.path.steps):
        return lp
    if not steps:
        return None
    return paths.LoadedPath(lp.path.model_copy(update={"steps": steps}), lp.file, lp.lines)
