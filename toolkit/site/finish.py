"""Work on rendered HTML that any engine's output needs: content that could run code fails the
build, and every page carries the Content-Security-Policy in a ``<meta>`` element.

Plain Python: no engine is imported here. The MkDocs adapter calls :func:`content_issues` on each
page's rendered content and :func:`add_policy_meta` once the site is written; ``toolkit finish``
calls the same functions on a site another engine built.

Why both checks and the meta element: the policy (csp.txt, sent as a header) hashes every inline
script it finds, so a ``<script>`` written into a tool's text would be allowed by its own hash;
and a site opened from a shared drive or the offline zip gets no header at all. So code from
content is refused at build time, and the policy also travels inside every page.
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from toolkit.browser.bundle import page_assets
from toolkit.content.issue import ContentError, Issue
from toolkit.site import addresses, links
from toolkit.site.addresses import footer_uri, tool_uri
from toolkit.site.build_state import BuildState
from toolkit.site.glossary import first_only
from toolkit.site.relink import PAGE_LINK
from toolkit.site.templating import render_template

#: Elements that run code or embed another document; none has a place in content.
ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet")
#: Address schemes that run code when followed.
_CODE_SCHEMES = ("javascript:", "vbscript:")
#: Characters browsers drop from an address before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".html", ".txt")


class Finding:
    """One piece of code-running markup in rendered content, and how to find it in the source."""

    def __init__(self, what: str, source: re.Pattern[str], exact: tuple[str, ...] = ()):
        self.what = what
        self.source = source
        #: Text that, found as it is on a source line, places the finding there for certain
        #: (the tag as written, the address): tried before `source`, the pattern of its kind.
        self.exact = tuple(e for e in exact if len(e) > 8)

    def __repr__(self) -> str:
        return f"Finding({self.what!r})"


class _Scan(HTMLParser):
    def __init__(self, allowed_scripts: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.found: list[Finding] = []
        self._script: Finding | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.get_starttag_text() or ""
        if tag in ELEMENTS and not (tag == "script" and _script_allowed(attrs, self.allowed_scripts)):
            self.found.append(Finding(f"a <{tag}> element", re.compile(rf"<\s*{tag}\b", re.I), (written,)))
            if tag == "script":
                self._script = self.found[-1]
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    Finding(
                        f"an inline event handler ({name}=)",
                        re.compile(rf"\b{name}\s*=", re.I),
                        (written, f"{name}={value}"),
                    )
                )
            elif value and _URL_NOISE.sub("", value).lower().startswith(_CODE_SCHEMES):
                scheme = _URL_NOISE.sub("", value).lower().split(":", 1)[0]
                self.found.append(
                    Finding(f"a {scheme}: address ({name}=)", _SCHEME_IN_SOURCE[scheme], (written, value))
                )

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._script is not None and data.strip():  # a script's code places it better than its tag
            self._script.exact = (data.strip(), *self._script.exact)
        self._script = None

    def handle_endtag(self, tag: str) -> None:
        self._script = None


_SCHEME_IN_SOURCE = {"javascript": re.compile("javascript:", re.I), "vbscript": re.compile("vbscript:", re.I)}


def _script_allowed(attrs: list[tuple[str, str | None]], allowed: frozenset[str]) -> bool:
    """A script element the toolkit itself put there: one of its own assets, by address."""
    src = dict(attrs).get("src") or ""
    return any(src == a or src.endswith("/" + a) for a in allowed)


#: Elements, schemes and handlers, searched in the page's lower-cased text (a case-sensitive
#: search starts from its literal words, several times faster than the same with re.I). One
#: search each: a pattern that starts with a literal is searched for that literal alone.
_MAYBE = (re.compile(r"<\s*(?:script|i?frame|frameset|object|embed|applet)\b"), re.compile(r"script\s*(?::|&)"))
#: A handler: "on" starts the pattern so that the search skips to each "on"; what comes before it
#: is checked for the few places it occurs. The parser reads an attribute's name after a space,
#: a slash or a quote (<svg/onload=...>, <img src="x"onerror=...>), so all three count.
_MAYBE_HANDLER = re.compile(r"on[a-z]+\s*=")
_BEFORE_ATTRIBUTE = frozenset("/\"'")
#: An entity in an address can spell a scheme (&#106;avascript:); elsewhere it is just text. The
#: match can hold no ">", so it is looked for only back to the ">" before each "&#".
_ENTITY_IN_ADDRESS = re.compile(
    r"\b(?:href|src|action|formaction|poster|background|cite|ping|xlink:href)\s*=\s*[\"']?[^\"'>]*&#"
)


def _maybe_hostile(html: str) -> bool:
    """A quick look that finds at least what parsing the page finds (parsing every page was the
    slowest part of the check); entities are parsed, since they can spell an address."""
    low = html.lower()
    if any(pattern.search(low) for pattern in _MAYBE):
        return True
    for m in _MAYBE_HANDLER.finditer(low):
        before = low[m.start() - 1 : m.start()]
        if before.isspace() or before in _BEFORE_ATTRIBUTE:
            return True
    at = low.find("&#")
    while at != -1:
        if _ENTITY_IN_ADDRESS.search(low, low.rfind(">", 0, at) + 1, at + 2):
            return True
        at = low.find("&#", at + 2)
    return False


def hostile(html: str, allowed_scripts: Iterable[str] = ()) -> list[Finding]:
    """Return every element, attribute or address in `html` that would run code or embed a document.

    `html` is parsed as a browser would read it (entities decoded, any letter case), so
    ``&#106;avascript:`` and ``ONCLICK`` are found too; text shown as code (``&lt;script&gt;``) is not.
    `allowed_scripts` are the toolkit's own script addresses, which may appear as ``<script src>``.
    """
    if not _maybe_hostile(html):
        return []
    scan = _Scan(frozenset(allowed_scripts))
    scan.feed(html)
    scan.close()
    return scan.found


class Sources:
    """The content files a page's text can come from, read once, searched line by line."""

    def __init__(self, root: Path, folders: Iterable[Path]):
        self.root = root
        self.folders = [f for f in folders if f.is_dir()]
        self._lines: dict[Path, list[str]] = {}
        self._all: list[Path] | None = None

    def files(self) -> list[Path]:
        if self._all is None:
            self._all = sorted(
                p for folder in self.folders for p in folder.rglob("*") if p.is_file() and p.suffix in _TEXT_SUFFIXES
            )
        return self._all

    def lines(self, path: Path) -> list[str]:
        if path not in self._lines:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._lines[path] = text.splitlines()
        return self._lines[path]

    def locate(self, finding: Finding, first: list[Path], nth: int = 0) -> tuple[Path, int] | None:
        """Return the file and line a finding most likely comes from, the page's own sources first.

        `nth` counts earlier findings of the same kind on the page: the third script on a page is
        looked for at the third line holding one (or the last there is).
        """
        for exact in finding.exact:
            for path in dict.fromkeys([*first, *self.files()]):
                for number, line in enumerate(self.lines(path) if path.is_file() else [], start=1):
                    if exact in line:
                        return path, number
        seen: set[Path] = set()
        hits: list[tuple[Path, int]] = []
        for path in [*first, *self.files()]:
            if path in seen or not path.is_file():
                continue
            seen.add(path)
            for number, line in enumerate(self.lines(path), start=1):
                # Also with entities decoded and spaces dropped, as a browser reads an address:
                # `&#106;avascript:` in the source is found as `javascript:`.
                if finding.source.search(line) or finding.source.search(_URL_NOISE.sub("", html_lib.unescape(line))):
                    hits.append((path, number))
                    if len(hits) > nth:
                        return hits[nth]
            if hits:  # the page's own file held some, not enough: the last of them
                return hits[-1]
        return hits[-1] if hits else None

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


MESSAGE = (
    "{what} would run code or load another document on {page}; content (tool text, pages, "
    "local/) may not hold scripts, event handlers, javascript: links, iframes, objects or embeds"
)


def content_issues(
    html: str,
    *,
    page: str,
    own_sources: list[Path],
    sources: Sources,
    fallback: str,
    allowed_scripts: Iterable[str] = (),
) -> list[Issue]:
    """Return a `path:line` issue for each piece of code-running markup in a page's content.

    `page` names the page in the message; `own_sources` are the files the page is made from
    (its Markdown file, or its tool's YAML), searched first; `fallback` is the path reported
    when no source line matches.
    """
    issues: list[Issue] = []
    counts: dict[str, int] = {}
    for finding in hostile(html, allowed_scripts):
        nth = counts[finding.source.pattern] = counts.get(finding.source.pattern, -1) + 1
        where = sources.locate(finding, own_sources, nth)
        path, line = (sources.display(where[0]), where[1]) if where else (fallback, 1)
        issue = Issue(path, line, MESSAGE.format(what=finding.what, page=page))
        if issue not in issues:
            issues.append(issue)
    return issues


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


# ------------------------------------------------------------------ the policy in every page

_HEAD = re.compile(rb"<head\b[^>]*>", re.I)
_CHARSET = re.compile(rb"<meta\s+charset=[^>]*>", re.I)
_OLD_META = re.compile(rb'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
#: Directives a <meta> policy cannot carry (browsers ignore them there, with a console warning).
_HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def meta_policy(header_policy: str, offline: bool = False) -> str:
    """The header policy without the directives browsers ignore in a ``<meta>`` element.

    `offline`: the site opened from file://, where Material's search runs in an iframe that the
    vendored iframe-worker shim writes an inline script into (its text holds the page's own
    file address, so no hash can allow it, and an about:blank frame inherits the policy). There
    inline scripts are allowed; scripts, frames and everything else from elsewhere stay blocked,
    and content's own code is refused at build time whatever the policy.
    """
    kept = [d.strip() for d in header_policy.split(";") if d.strip() and d.split()[0] not in _HEADER_ONLY]
    if offline:
        kept = ["script-src 'self' 'unsafe-inline'" if d.startswith("script-src ") else d for d in kept]
    return "; ".join(kept)


def with_policy_meta(page: bytes, header_policy: str, offline: bool = False) -> bytes:
    """Return the page with the policy as its first ``<meta>`` after the character set.

    Placed that early so it governs every script and style that follows; an earlier copy
    (a page finished twice) is replaced.
    """
    content = html_lib.escape(meta_policy(header_policy, offline))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'.encode()
    end = page.find(b"</head>")  # only the head is searched: pages run to hundreds of KB
    end = len(page) if end < 0 else end
    head = _OLD_META.sub(b"", page[:end])
    anchor = _CHARSET.search(head) or _HEAD.search(head)
    if anchor is None:
        return page
    return head[: anchor.end()] + b"\n    " + tag + head[anchor.end() :] + page[end:]


def add_policy_meta(site_dir: Path, header_policy: str, offline: bool = False) -> int:
    """Put the policy into every HTML page of a built site; return how many pages were written."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        page = path.read_bytes()
        new = with_policy_meta(page, header_policy, offline)
        if new != page:
            path.write_bytes(new)
            count += 1
    return count


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
    add_policy_meta(site_dir, value, offline=offline_build)
    return notes


_FIRST_H1 = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)</h1>', re.S)
_HEADERLINK_ANCHOR = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def offline_shim_present(site_dir: Path) -> bool:
    from toolkit.site.offline import SHIM_URI

    return (site_dir / SHIM_URI).is_file()
