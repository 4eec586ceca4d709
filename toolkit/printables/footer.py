"""The running footer of a printed tool or pack: its title, source, version and web address.

It is a CSS `@page` rule, different for each page, so it ships as a small stylesheet of its own
per page (`footer_uri`), linked for print only: the strict Content-Security-Policy allows no
inline styles without hashes, and HTML allows no `<style>` inside the page's article. The PDF
of a tool puts the same rule in its document head.
"""

from __future__ import annotations

from toolkit import TOOLKIT_NAME
from toolkit.content.catalog import Catalog
from toolkit.content.load import Loaded
from toolkit.site.addresses import footer_uri, pack_uri, page_url, tool_uri
from toolkit.site.packs import Pack, packs
from toolkit.site.templating import render_template


def footer_css(text: str) -> str:
    """The @page rule that prints `text` (lines split by newlines) at the foot of every page."""
    return render_template("files/print-footer.css.j2", footer=text)


def tool_footer(entry: Loaded, catalog: Catalog, site_url: str = "") -> str:
    tool = entry.tool
    paper = catalog.papers[tool.source.paper]
    address = page_url(tool_uri(tool.id), site_url)
    return footer_css(f"{tool.title}\n{paper.short} · version {tool.version} · {address}")


def pack_footer(pack: Pack, site_url: str = "") -> str:
    return footer_css(f"{pack.title}\n{TOOLKIT_NAME} · {page_url(pack_uri(pack.id), site_url)}")


def footer_files(catalog: Catalog, site_url: str = "") -> dict[str, str]:
    """Return site path -> stylesheet for the footer of every tool page and pack page."""
    files = {footer_uri(tool_uri(t)): tool_footer(catalog.tool(t), catalog, site_url) for t in sorted(catalog.tools)}
    files.update({footer_uri(pack_uri(p.id)): pack_footer(p, site_url) for p in packs(catalog)})
    return files
