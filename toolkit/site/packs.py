"""Print packs: one printable document per audience (and one for everything) bundling its tools
with a cover, contents and the sources they come from."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from toolkit.content.catalog import Catalog
from toolkit.content.model import AUDIENCES, KINDS
from toolkit.site.addresses import PACKS_INDEX_URI, anchor, pack_uri, page_url, rel
from toolkit.site.templating import render_template
from toolkit.site.tools import citation, render_tool

EVERYTHING = "everything"


@dataclass(frozen=True)
class Pack:
    """A named, ordered selection of tools to print together."""

    id: str
    title: str
    summary: str
    tools: tuple[str, ...]


def _order(catalog: Catalog, tool_ids: list[str]) -> tuple[str, ...]:
    kinds = list(KINDS)
    return tuple(
        sorted(tool_ids, key=lambda t: (kinds.index(catalog.tools[t].tool.kind), catalog.tools[t].tool.title.lower()))
    )


def packs(catalog: Catalog) -> list[Pack]:
    """Return the everything pack (tools in kind order), then one pack per role that has start-here tools."""
    out = [
        Pack(
            EVERYTHING,
            "Print pack: every tool",
            "Every tool in the toolkit in one printable document.",
            _order(catalog, list(catalog.tools)),
        )
    ]
    for audience, label in AUDIENCES.items():
        # A role's start-here tools and the few that follow from them (docs/audiences.yml), in
        # that order: a pack of every tool that lists the role ran to 51 tools, which nobody prints.
        chosen = tuple(catalog.starts.pack(audience, set(catalog.tools)))
        if chosen:
            readers = label.lower() if not label.startswith("HR") else label
            out.append(
                Pack(
                    audience,
                    f"Print pack for {readers}",
                    f"The tools to start with for {readers}, and the few that follow from them, in one printable "
                    "document.",
                    chosen,
                )
            )
    return out


def render_pack(pack: Pack, catalog: Catalog, *, site_url: str = "", rendered: dict[str, Markup] | None = None) -> str:
    """Return the page text of one pack: cover, contents, every tool, sources.

    `rendered` keeps each tool's text between packs: all packs live in one folder, so a tool's
    text (its links are relative to the page) is the same in each, and rendering it is the slow part.
    """
    rendered = {} if rendered is None else rendered
    uri = pack_uri(pack.id)
    entries = [catalog.tool(t) for t in pack.tools]
    papers: dict[str, list[str]] = {}
    for e in entries:
        papers.setdefault(e.tool.source.paper, []).append(e.tool.title)
    return render_template(
        "pages/pack.md.j2",
        pack=pack,
        entries=entries,
        # Page text from the tool templates, already escaped there.
        tools=[_tool_text(e, catalog, uri, site_url, rendered) for e in entries],
        sources=[(catalog.papers[p], citation(catalog.papers[p]), titles) for p, titles in papers.items()],
        kind_label=lambda e: KINDS[e.tool.kind],
        anchor=anchor,
        page_url=page_url(uri, site_url),
        papers_link=rel("papers.md", uri),
    )


def _tool_text(entry, catalog: Catalog, uri: str, site_url: str, rendered: dict[str, Markup]) -> Markup:
    if entry.tool.id not in rendered:
        rendered[entry.tool.id] = Markup(render_tool(entry, catalog, page_uri=uri, level=2, site_url=site_url))
    return rendered[entry.tool.id]


def render_index(all_packs: list[Pack]) -> str:
    """Return the page listing every pack."""
    return render_template("pages/packs-index.md.j2", packs=all_packs, link=lambda p: f"{p.id}.md")


def pack_pages(catalog: Catalog, *, site_url: str = "") -> dict[str, str]:
    """Return src_uri -> page text for the packs index and every pack (printed from the browser)."""
    all_packs = packs(catalog)
    pages = {PACKS_INDEX_URI: render_index(all_packs)}
    rendered: dict[str, Markup] = {}
    for pack in all_packs:
        pages[pack_uri(pack.id)] = render_pack(pack, catalog, site_url=site_url, rendered=rendered)
    return pages
