"""The pages the toolkit generates: one per tool, the tool finder, the papers and the glossary."""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.content.catalog import Catalog
from toolkit.content.model import AUDIENCES, KINDS, audience_in_text
from toolkit.site import glossary
from toolkit.site.addresses import GLOSSARY_URI, PAPERS_URI, TOOLS_INDEX_URI, rel, tool_of, tool_uri
from toolkit.site.finder import TIME_BANDS, facets
from toolkit.site.packs import pack_pages
from toolkit.site.render import render_template, render_tool
from toolkit.site.team import team_pages

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
    filters = [
        (
            "audience",
            "Who it is for",
            [(a, label) for a, label in AUDIENCES.items() if any(a in f.audiences for f in present)],
        ),
        ("kind", "Kind of tool", [(k, KINDS[k]) for k in groups]),
        (
            "paper",
            "Source paper",
            [(p, catalog.papers[p].short) for p in catalog.papers if any(f.paper == p for f in present)],
        ),
        (
            "time",
            "Time needed",
            [(t, label) for t, (label, _, _) in TIME_BANDS.items() if any(f.time == t for f in present)],
        ),
    ]
    return render_template(
        "pages/tools-index.md.j2",
        groups=groups,
        filters=filters,
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
