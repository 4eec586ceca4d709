"""Work on rendered HTML that any engine's output needs: each page's content finished
(:func:`finish_page`: code from content refused, see :mod:`toolkit.site.hostile`; links, assets,
anchors), and a whole built site finished (:func:`finish_site`: the search index, links.json,
redirects, the policy in csp.txt and in every page, see :mod:`toolkit.site.csp`).

Plain Python: no engine is imported here. The MkDocs adapter calls :func:`finish_page` on each
page's rendered content and the policy functions once the site is written; ``toolkit finish``
calls the same functions on a site another engine built.
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.browser.bundle import page_assets
from toolkit.content.issue import ContentError, Issue
from toolkit.site import addresses, links
from toolkit.site.addresses import footer_uri, tool_uri
from toolkit.site.build_state import BuildState
from toolkit.site.glossary import first_only
from toolkit.site.hostile import Sources, content_issues
from toolkit.site.relink import PAGE_LINK
from toolkit.site.templating import render_template

# ------------------------------------------------------------------ one page

#: The theme's element around a page's content (Material for MkDocs and Zensical alike).
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">\s*')
#: The heading the theme writes when the content has none: it carries no id.
_THEME_H1 = re.compile(r"<h1>.*?</h1>\s*", re.S)


def content_span(html: str) -> tuple[int, int] | None:
    """Where the page's own content (what the engine rendered from Markdown) is in a built page."""
    article = _ARTICLE.search(html)
    if article is None:
        return None
    start = article.end()
    theme_h1 = _THEME_H1.match(html, start)
    if theme_h1:
        start = theme_h1.end()
    end = html.rfind("</article>")
    return (start, end) if end > start else None


@dataclass
class Page:
    """What finishing one page needs to know about it, from whichever engine built it."""

    src_uri: str
    url: str  # rooted at "/", e.g. "/tools/x/"
    title: str
    meta: dict[str, Any]
    toc_ids: list[str]
    display: str  # the source file as messages show it
    own_sources: list[Path]


#: Returns the address of a site file (src_uri) relative to the page being finished, or None.
Resolve = Callable[[str], "str | None"]


def finish_page(html: str, page: Page, state: BuildState | None, sources: Sources | None, resolve: Resolve) -> str:
    """Finish one page's rendered content: refuse code from content, point links in tool HTML at
    the built pages, keep one tooltip per term, add the page's own assets, keep alias anchors
    for renamed ids and record its public anchors. Raises ContentError (path:line)."""
    if sources is not None and "<" in html:
        issues = content_issues(
            html, page=page.url, own_sources=page.own_sources, sources=sources, fallback=page.display
        )
        if issues:
            raise ContentError(issues)
    html = first_only(_resolve_page_links(html, page, resolve))
    html = _page_assets(html, page, resolve)
    if state is None or state.full is None:
        return html
    return links.record_page(state, html, page)


def _resolve_page_links(html: str, page: Page, resolve: Resolve) -> str:
    """Engines rewrite and check Markdown links but not (all) links in raw HTML, which is how tool
    text reaches a page: do both for those, failing the build on a missing page."""

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), match.group(1)))
        found = resolve(target)
        if found is None:
            raise ContentError(
                [
                    Issue(
                        page.display,
                        1,
                        f"a tool on this page links to {match.group(1)!r}, which is not a page of the site (links in "
                        "tool text are written relative to the tool's own page, tools/<id>.md)",
                    )
                ]
            )
        return f'href="{found}{match.group(2) or ""}"'

    return PAGE_LINK.sub(replace, html)


def _page_assets(html: str, page: Page, resolve: Resolve) -> str:
    """Put the stylesheets and scripts this page needs beyond every page's at the top of its content."""
    links = [resolve(uri) or uri for uri in page_assets(html)]
    footer = resolve(footer_uri(page.src_uri))  # tool and pack pages
    if not links and footer is None:
        return html
    return (
        render_template(
            "partials/page-assets.html.j2",
            stylesheets=[u for u in links if u.endswith(".css")],
            scripts=[u for u in links if u.endswith(".js")],
            print_stylesheet=footer,
        )
        + html
    )


# ------------------------------------------------------------------ a whole site, any engine

_HEADERLINK = re.compile(r'<a class="headerlink" href="#([^"]+)"')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


class SearchIndex:
    """One engine's search index: where it is and how its entries are listed."""

    def __init__(self, path: str, key: str):
        self.path, self.key = path, key

    def augment(
        self,
        site_dir: Path,
        catalog: Any,
        url_of: Callable[[str], str],
        order: Sequence[str] = (),
        split: dict[str, tuple[str, str, str]] | None = None,
    ) -> bool:
        """Add the toolkit's entries. `order` lists page locations in the order the hook build
        indexes them; `split` maps a page location to (id, title) of the heading its content starts
        with, where the hook build put the page's assets before it (see :func:`_split_first`)."""
        from toolkit.site import search

        file = site_dir / self.path
        if not file.is_file():
            return False
        index = json.loads(file.read_text(encoding="utf-8"))
        docs = _split_first(index.get(self.key, []), split or {})
        if order:
            rank = {loc: i for i, loc in enumerate(order)}
            docs = sorted(docs, key=lambda d: rank.get(d.get("location", "").split("#")[0], len(rank)))
        done = search.augment({"config": index.get("config", {}), "docs": docs}, catalog, url_of)
        index[self.key] = done["docs"]
        if "config" in index:  # Material's: its fields gain the index-only one, as in the hook build
            index["config"] = done["config"]
        file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return True


def _split_first(docs: list[dict[str, Any]], split: dict[str, tuple[str, str, str]]) -> list[dict[str, Any]]:
    """Index a page whose content starts with its heading as the hook build does.

    Built through the hooks, a page's own stylesheets and scripts come before its first heading
    when the search plugin reads it, so the heading starts a section of its own and the page's
    entry has no text. After `toolkit finish` they are in the same place, but the engine indexed
    the page without them: this makes the two indexes the same.
    """
    out: list[dict[str, Any]] = []
    for doc in docs:
        location = doc.get("location", "")
        if location in split and doc.get("text"):
            anchor_id, title, page_title = split[location]
            # The page's own entry is titled as the engine titles the page (entities as written).
            out.append({**doc, "text": "", "title": page_title or doc.get("title", "")})
            out.append({**doc, "location": f"{location}#{anchor_id}", "title": title})
        else:
            out.append(doc)
    return out


#: Material for MkDocs (MkDocs, ProperDocs) and Zensical.
SEARCH_INDEXES = (SearchIndex("search/search_index.json", "docs"), SearchIndex("search.json", "items"))


def finish_site(site_dir: Path, config_file: Path, *, update_links: bool = False) -> list[str]:
    """Do the after-rendering work on a site any engine built from `toolkit generate`'s tree.

    `config_file` is the project's own mkdocs.yml (what generate read). Returns notes on what
    was done; raises ContentError (path:line) on content problems, pages missing from the
    site or inline code the policy cannot allow.
    """
    from toolkit.site import csp, generate
    from toolkit.site.pages import data_source

    made, config, authored = generate.staged(config_file)
    state = made.state
    udu = config.get("use_directory_urls", True)
    overlay = state.overlay
    sources = Sources(state.root, [state.docs_dir] + ([overlay.folder] if overlay else []))
    docs = state.docs_dir
    every = set(authored) | set(made.files) | {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    pages = [u for u in authored] + [u for u in made.files if u in made.pages]

    def url_of(uri: str) -> str:
        return addresses.url_path(uri, udu) if uri.endswith(".md") else "/" + uri

    split: dict[str, tuple[str, str, str]] = {}
    home_page = site_dir / addresses.output_path(url_of(pages[0])) if pages else None
    if (
        home_page is not None
        and home_page.is_file()
        and b'http-equiv="Content-Security-Policy"' in home_page.read_bytes()
    ):
        raise ContentError(
            [
                Issue(
                    str(site_dir),
                    1,
                    "this site is finished already (through the hooks or `toolkit finish`); build it again before "
                    "finishing",
                )
            ]
        )
    missing = [u for u in pages if not (site_dir / addresses.output_path(url_of(u))).is_file()]
    if missing:
        raise ContentError(
            [
                Issue(
                    state.display_uri(u),
                    1,
                    f"the engine did not build this page (expected {addresses.output_path(url_of(u))})",
                )
                for u in missing
            ]
        )
    from toolkit.site.nav import titled_pages

    menu_titles = titled_pages(config.get("nav") or made.nav)  # as the engine titles those pages
    for uri in pages:
        file = site_dir / addresses.output_path(url_of(uri))
        html = file.read_text(encoding="utf-8")
        span = content_span(html)
        if span is None:
            raise ContentError(
                [
                    Issue(
                        state.display_uri(uri),
                        1,
                        f'the built page {file} has no <article class="md-content__inner md-typeset"> around its '
                        "content; is the theme Material or Zensical's?",
                    )
                ]
            )
        start, end = span
        content = html[start:end]
        meta = generate.front_matter(authored[uri])[0] if uri in authored else {}
        h1 = _H1.search(html[start:end]) or _H1.search(html)
        h1_text = _TAGS.sub("", _HEADERLINK_ANCHOR.sub("", h1.group(1))).strip() if h1 else ""
        title = str(meta.get("title") or menu_titles.get(uri) or h1_text)
        source = data_source(uri, made.catalog)
        own = [docs / uri] if uri in authored else []
        if source is not None:
            own.append(docs / source)
        page_url = url_of(uri)
        info = Page(
            src_uri=uri,
            url=page_url,
            title=title,
            meta=meta,
            toc_ids=_HEADERLINK.findall(content),
            display=state.display_uri(uri),
            own_sources=own,
        )

        def resolve(target: str, here: str = page_url) -> str | None:
            return addresses.relative_url(url_of(target), here) if target in every else None

        finished = finish_page(content, info, state, sources, resolve)
        heading = _FIRST_H1.match(content)
        if heading and not finished.startswith("<h1"):
            title_text = html_lib.unescape(_TAGS.sub("", _HEADERLINK_ANCHOR.sub("", heading.group(2))).strip())
            split[page_url.lstrip("/")] = (heading.group(1), title_text, title)
        file.write_text(html[:start] + finished + html[end:], encoding="utf-8")
    notes = [f"{len(pages)} pages finished"]
    if udu:
        links.check_links(state, update=update_links)
    links_page = site_dir / addresses.output_path(url_of(addresses.LINKS_URI))
    if links_page.is_file():
        links_page.write_text(
            links.fill_links_page(state, addresses.LINKS_URI, links_page.read_text(encoding="utf-8")), encoding="utf-8"
        )
    for uri, text in links.late_files(state).items():
        target = site_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    tool_urls = {t: url_of(tool_uri(t)).lstrip("/") for t in made.catalog.tools}
    for index in SEARCH_INDEXES:
        order = [url_of(u).lstrip("/") for u in pages]
        if index.augment(site_dir, state.shown, tool_urls.__getitem__, order, split):
            notes.append(f"search index {index.path} augmented")
    value, problems = csp.write_policy(site_dir)
    if problems:
        raise ContentError(
            [Issue(p.split(":", 1)[0], int(p.split(":")[1]), p.split(":", 2)[2].strip()) for p in problems]
        )
    offline_build = offline_shim_present(site_dir)
    if not offline_build:  # .htaccess and web.config: the header on Apache and IIS, as the hook build
        from toolkit.site import hosting  # plain files; imports no engine

        hosting.write_site_files(site_dir, value)
    csp.add_policy_meta(site_dir, value, offline=offline_build)
    return notes


_FIRST_H1 = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)</h1>', re.S)
_HEADERLINK_ANCHOR = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def offline_shim_present(site_dir: Path) -> bool:
    from toolkit.site.offline import SHIM_URI

    return (site_dir / SHIM_URI).is_file()
