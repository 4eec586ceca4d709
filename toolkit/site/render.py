"""Model -> page text (Markdown headings and links around HTML fragments), via Jinja2 templates.

Headings and links are written as Markdown so that the site engine puts them in the table
of contents and checks the links; the interactive parts are HTML fragments from templates.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import Any

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markupsafe import Markup

from toolkit import TOOLKIT_NAME
from toolkit.content.load import Loaded
from toolkit.content.model import AUDIENCES, KIND_GROUPS, KINDS, audience_in_text
from toolkit.site import addresses
from toolkit.site.addresses import PAPERS_URI, anchor, page_url, rel, tool_uri
from toolkit.site.related import related

#: What a rebuilt or toolkit-made tool says at its top, in a few words (model: ToolBase.provenance) ...
PROVENANCE = {
    "rebuilt": "Rebuilt from the paper's text, as parts are missing from our copy.",
    "toolkit": "Made by this toolkit from the papers' advice, not taken from a paper.",
}
#: ... and in full under "About this tool".
PROVENANCE_LONG = {
    "rebuilt": "Part of the source is missing from our copy of the paper, so this tool is rebuilt from the "
    "paper's own text.",
    "toolkit": "The papers do not give this tool in this form: the toolkit made it from their advice.",
}


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


def css_string(text: str) -> Markup:
    """Quote text as a CSS string that is safe inside a <style> element."""
    return Markup('"' + re.sub(r'[\\"<>&\n]', lambda m: f"\\{ord(m.group()):x} ", text) + '"')


Abbrs = tuple[tuple[str, str], ...]


@lru_cache(maxsize=64)
def _abbr_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # The abbr extension's own pattern (longest terms first), compiled once per glossary.
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(term) for term in ordered)})\\b")


class _GlossaryTerms(AbbrTreeprocessor):
    """Python-Markdown's abbr tree processor without recompiling its pattern of every glossary
    term for each text: tool texts are converted one by one, thousands per build."""

    def run(self, root: Any) -> None:
        if self.abbrs:
            self.RE = _abbr_pattern(tuple(self.abbrs))
            self.iter_element(root)


class Glossary(AbbrExtension):
    """The abbr extension with a glossary, its pattern compiled once (see _GlossaryTerms)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_GlossaryTerms(md, self.abbrs), "abbr", 7)  # type: ignore[attr-defined]


@lru_cache(maxsize=8)
def _engine(abbrs: Abbrs) -> markdown.Markdown:
    extensions: list = ["smarty"]
    if abbrs:
        extensions.append(Glossary(glossary=dict(abbrs)))
    return markdown.Markdown(extensions=extensions, output_format="html")


def md_block(text: str | None, abbrs: Abbrs = ()) -> Markup:
    """Render author Markdown (paragraphs, lists, emphasis) to HTML, marking glossary terms."""
    if not text:
        return Markup("")
    return _converted(text, abbrs)


@lru_cache(maxsize=32768)
def _converted(text: str, abbrs: Abbrs) -> Markup:
    # Cached: the same tool text is rendered for its own page, every page that embeds it,
    # print packs and search; Markdown with the glossary's abbreviations is the costly part.
    engine = _engine(abbrs)
    engine.reset()
    return Markup(engine.convert(text.strip()))


def md_inline(text: str | None, abbrs: Abbrs = ()) -> Markup:
    """Render one line of author Markdown without the surrounding paragraph."""
    html = str(md_block(text, abbrs))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


#: A link to another page of the site in rendered tool text: a relative .md path.
PAGE_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|/)([^"#]+\.md)(#[^"]*)?"')


def relink(html: str, base_uri: str, page_uri: str) -> str:
    """Make links written relative to `base_uri` (a tool's own page, tools/<id>.md) relative to
    `page_uri`, the page the tool is shown on: its own page or a page that embeds it."""

    def move(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base_uri), match.group(1)))
        return f'href="{rel(target, page_uri)}{match.group(2) or ""}"'

    return PAGE_LINK.sub(move, html)


@pass_context
def _md_filter(context: Any, text: str | None) -> Markup:
    return _relinked(context, md_block(text, context.get("abbrs", ())))


@pass_context
def _mdi_filter(context: Any, text: str | None) -> Markup:
    return _relinked(context, md_inline(text, context.get("abbrs", ())))


def _relinked(context: Any, html: Markup) -> Markup:
    if "tool" not in context:
        return html
    return Markup(relink(str(html), tool_uri(context["tool"].id), context["page_uri"]))


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's cache of compiled templates (in a private per-user temporary folder), so that a
    new build process does not compile them again; none if that folder cannot be made safely."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the Jinja environment holding the tool templates."""
    env = Environment(
        loader=PackageLoader("toolkit", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        # The templates ship with the package: no need to check their files for every page.
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["md"] = _md_filter
    env.filters["mdi"] = _mdi_filter
    env.globals.update(
        anchor=anchor,
        PROVENANCE=PROVENANCE,
        PROVENANCE_LONG=PROVENANCE_LONG,
        AUDIENCES=AUDIENCES,
        KINDS=KINDS,
        KIND_GROUPS=KIND_GROUPS,
        TOOLKIT_NAME=TOOLKIT_NAME,
    )
    env.filters["css_string"] = css_string
    return env


def render_template(name: str, **context: Any) -> str:
    """Render one template from toolkit/templates."""
    return environment().get_template(name).render(**context)


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
