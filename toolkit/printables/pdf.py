"""Tagged, accessible PDF of a tool or a print pack, rendered by WeasyPrint from the page text.

The PDF is made from the same Markdown the site shows (toolkit/templates), turned into HTML with
the site's Markdown extensions and printed with the site's own stylesheets (toolkit.css and
print.css), so a download and a printed page look the same. Answer boxes print blank.
"""

from __future__ import annotations

import logging
import posixpath
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from toolkit import TOOLKIT_NAME
from toolkit.printables.footer import tool_footer
from toolkit.site.addresses import page_url, tool_uri
from toolkit.site.templating import render_template
from toolkit.site.tools import render_tool

ASSETS = Path(__file__).resolve().parent.parent / "browser"
STYLESHEETS = [ASSETS / "core" / "toolkit.css", ASSETS / "print" / "print.css"]
#: The site's Markdown extensions (mkdocs.yml) that tool pages use.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
#: PDF/UA-1: tagged structure, document title shown, language set, fonts embedded.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


class _SiteLinks(Treeprocessor):
    """Point links between pages (``../papers.md#x``) at the site's web address, or drop them."""

    def __init__(self, md: markdown.Markdown, page_uri: str, site_url: str):
        super().__init__(md)
        self.page_uri, self.site_url = page_uri, site_url

    def run(self, root: Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            if not href or href.startswith("#") or ":" in href.split("/")[0]:
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_uri), path))
            if self.site_url and target.endswith(".md"):
                a.set("href", page_url(target, self.site_url) + (f"#{fragment}" if fragment else ""))
            else:
                del a.attrib["href"]


class _SiteLinksExtension(Extension):
    def __init__(self, page_uri: str, site_url: str):
        super().__init__()
        self.page_uri, self.site_url = page_uri, site_url

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_SiteLinks(md, self.page_uri, self.site_url), "tk_site_links", 1)


def page_html(
    text: str,
    *,
    page_uri: str,
    site_url: str,
    title: str,
    description: str,
    authors: str = "",
    keywords: str = "",
    footer: str = "",
) -> str:
    """Turn page text (Markdown with HTML) into a standalone HTML document for printing."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, _SiteLinksExtension(page_uri, site_url)], output_format="html")
    body = Markup(md.convert(text))
    return render_template(
        "files/print-document.html.j2",
        body=body,
        title=title,
        description=description,
        authors=authors,
        keywords=keywords,
        footer=Markup(footer),
    )


@lru_cache(maxsize=1)
def _stylesheets() -> list:
    from weasyprint import CSS

    return [CSS(filename=str(path)) for path in STYLESHEETS]


def write_pdf(html: str) -> bytes:
    """Render an HTML document to a tagged PDF/UA-1 file's bytes."""
    from weasyprint import HTML

    # The site's stylesheets hold screen-only properties WeasyPrint does not know; that is expected.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(ASSETS)).write_pdf(stylesheets=_stylesheets(), **PDF_OPTIONS)


def page_pdf(
    text: str,
    *,
    page_uri: str,
    site_url: str,
    title: str,
    description: str,
    authors: str = "",
    keywords: str = "",
    footer: str = "",
) -> bytes:
    """Render page text (a tool or a print pack) to a tagged PDF; `footer`: its @page rule."""
    return write_pdf(
        page_html(
            text,
            page_uri=page_uri,
            site_url=site_url,
            title=title,
            description=description,
            authors=authors,
            keywords=keywords,
            footer=footer,
        )
    )


def tool_pdf(entry, catalog, *, site_url: str = "") -> bytes:
    """Return the bytes of a blank, printable PDF of one tool, as its page prints."""
    tool = entry.tool
    uri = tool_uri(tool.id)
    paper = catalog.papers[tool.source.paper]
    text = render_tool(entry, catalog, page_uri=uri, site_url=site_url)
    return page_pdf(
        text,
        page_uri=uri,
        site_url=site_url,
        title=tool.title,
        description=" ".join(tool.summary.split()),
        authors=TOOLKIT_NAME,
        keywords=f"{tool.kind}, {paper.short}",
        footer=tool_footer(entry, catalog, site_url),
    )
