"""Model -> page text (Markdown headings and links around HTML fragments), via Jinja2 templates.

Headings and links are written as Markdown so that the site engine puts them in the table
of contents and checks the links; the interactive parts are HTML fragments from templates.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions.abbr import AbbrExtension as Abbr
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from . import flows
from .glossary import abbreviations
from .related import related
from .load import Loaded
from .model import AUDIENCES, KIND_GROUPS, KINDS

TOOLS_URI = "tools"
PAPERS_URI = "papers.md"


def tool_uri(tool_id: str) -> str:
    """Return the page a tool is published on, relative to docs/."""
    return f"{TOOLS_URI}/{tool_id}.md"


def anchor(tool_id: str, *parts: str) -> str:
    """Return the stable HTML id of a tool part: ``tool--item`` or ``tool--item-part``."""
    return tool_id + "--" + "-".join(parts) if parts else tool_id


def rel(target: str, page_uri: str) -> str:
    """Return a relative Markdown link from one page (src_uri) to another."""
    return posixpath.relpath(target, posixpath.dirname(page_uri) or ".")


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """Return the site URL of a Markdown page, as MkDocs publishes it."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relink(href: str, base_uri: str, page_uri: str, directory_urls: bool = True) -> str | None:
    """Turn a link to a `.md` page, written relative to `base_uri`, into a URL relative to `page_uri`.

    Tool text is rendered to HTML before MkDocs sees it, so MkDocs cannot rewrite its links;
    this does what MkDocs does for Markdown links. Returns None for links it leaves alone
    (absolute URLs, same-page anchors, links to anything that is not a page).
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md") or parts.path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base_uri), parts.path))
    here = page_url(page_uri, directory_urls)
    here_dir = here if directory_urls else posixpath.dirname(here)
    there = page_url(target, directory_urls)
    url = posixpath.relpath(there or ".", here_dir or ".")
    if there.endswith("/") or not there:
        url = url.rstrip("/") + "/"
    if url == "./" and parts.fragment:
        url = ""
    return url + ("#" + parts.fragment if parts.fragment else "")


#: (base_uri, page_uri, directory_urls): where links in author Markdown are written from and shown on.
Where = tuple[str, str, bool]


class _Relinker(Treeprocessor):
    """Rewrites `.md` links in author Markdown for the page the tool is shown on."""

    where: Where | None = None

    def run(self, root):  # noqa: ANN001, ANN201
        if self.where is not None:
            for a in root.iter("a"):
                new = relink(a.get("href", ""), *self.where)
                if new is not None:
                    a.set("href", new)
        return None


Abbrs = tuple[tuple[str, str], ...]


@lru_cache(maxsize=8)
def _engine(abbrs: Abbrs) -> markdown.Markdown:
    extensions: list = ["smarty"]
    if abbrs:
        extensions.append(Abbr(glossary=dict(abbrs)))
    engine = markdown.Markdown(extensions=extensions, output_format="html")
    engine.treeprocessors.register(_Relinker(engine), "toolkit-relink", 0)
    return engine


def md_block(text: str | None, abbrs: Abbrs = (), where: Where | None = None) -> Markup:
    """Render author Markdown (paragraphs, lists, emphasis) to HTML, marking glossary terms.

    With `where`, links to `.md` pages written relative to its base come out relative to its page.
    """
    if not text:
        return Markup("")
    engine = _engine(abbrs)
    engine.reset()
    relinker = engine.treeprocessors["toolkit-relink"]
    relinker.where = where
    try:
        return Markup(engine.convert(text.strip()))
    finally:
        relinker.where = None


def md_inline(text: str | None, abbrs: Abbrs = (), where: Where | None = None) -> Markup:
    """Render one line of author Markdown without the surrounding paragraph."""
    html = str(md_block(text, abbrs, where))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


@pass_context
def _md_filter(context: Any, text: str | None) -> Markup:
    return md_block(text, context.get("abbrs", ()), context.get("link_where"))


@pass_context
def _mdi_filter(context: Any, text: str | None) -> Markup:
    return md_inline(text, context.get("abbrs", ()), context.get("link_where"))


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
    )
    env.filters["md"] = _md_filter
    env.filters["mdi"] = _mdi_filter
    env.globals.update(anchor=anchor, AUDIENCES=AUDIENCES, KINDS=KINDS, KIND_GROUPS=KIND_GROUPS)
    return env


def render_template(name: str, **context: Any) -> str:
    """Render one template from toolkit/templates."""
    return environment().get_template(name).render(**context)


def tool_context(entry: Loaded, catalog: Any, page_uri: str, level: int) -> dict[str, Any]:
    """Collect what the tool templates need for one tool on one page."""
    tool = entry.tool
    context: dict[str, Any] = {
        "tool": tool,
        "entry": entry,
        "level": level,
        "h": lambda n: "#" * min(level + n, 6),
        "abbrs": tuple(sorted(abbreviations(catalog.glossary).items())),
        "audiences": ", ".join(AUDIENCES[a] for a in tool.audiences),
        "paper": catalog.papers[tool.source.paper],
        "paper_link": rel(PAPERS_URI, page_uri) + "#" + tool.source.paper,
        "tool_link": rel(tool_uri(tool.id), page_uri),
        "on_own_page": page_uri == tool_uri(tool.id),
        # Links in tool text are written relative to the tool's own page, tools/<id>.md.
        "link_where": (tool_uri(tool.id), page_uri, getattr(catalog, "directory_urls", True)),
        "related": [
            (catalog.tools[r].tool.title, rel(tool_uri(r), page_uri)) for r in related(tool.id, catalog)
        ],
        "guides": [(g.title, rel(g.page, page_uri)) for g in tool.guides],
    }
    if tool.kind == "flow":
        context["numbers"] = flows.numbering(tool)
        context["outcome_ids"] = {o.id for o in tool.outcomes}
        context["labels"] = {q.id: q.text for q in tool.questions} | {o.id: o.title for o in tool.outcomes}
    if tool.kind == "pathway":
        context["stage_titles"] = {s.id: s.title for s in tool.stages}
    return context


def render_tool(entry: Loaded, catalog: Any, *, page_uri: str, level: int = 1) -> str:
    """Render a tool as page text, its title a heading of `level`, linking from `page_uri`."""
    return render_template("tool.md.j2", **tool_context(entry, catalog, page_uri, level))
