"""Checks over a built site: every internal link and #anchor resolves; nothing loads off-site.

MkDocs validates links written in Markdown but not links in raw HTML (our tool templates, the
theme), so this reads the finished HTML instead: every href/src/srcset, the search index's
locations and the url()s in stylesheets. Problems come back as `path:line: message`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_BASE = "http://site.invalid/"
#: (tag, attribute) pairs that make the browser fetch something as the page loads.
_RESOURCES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"), ("track", "src"),
    ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"), ("use", "href"),
}
_LINK_ATTRS = {"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href"}
#: <link rel> values that are navigation metadata, not fetched when the page loads.
_LINK_NAV_RELS = {"alternate", "canonical", "author", "help", "license", "next", "prev", "search"}
_SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "about:", "blob:")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


@dataclass
class Ref:
    """One reference found in a page."""

    url: str
    line: int
    resource: bool


@dataclass
class Page:
    """What the checks need from one HTML file: its ids and its references."""

    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if key in values:
                self.page.ids.add(values[key])
        rel = set(values.get("rel", "").lower().split())
        for attr, value in values.items():
            if attr not in _LINK_ATTRS:
                continue
            base_attr = attr.split(":")[-1]
            resource = (tag, base_attr) in _RESOURCES or (
                tag == "link" and attr == "href" and not rel & _LINK_NAV_RELS
            )
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
            for url in urls:
                self.page.refs.append(Ref(url.strip(), self.getpos()[0], resource))

    handle_startendtag = handle_starttag


def parse(html: str) -> Page:
    """Return the ids and references of one HTML document."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def is_offsite(url: str) -> bool:
    """Whether a URL leaves the site (has a network scheme or is protocol-relative)."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "file")


class SiteChecker:
    """Reads a built site once and answers link and off-site questions about it."""

    def __init__(self, site_dir: Path) -> None:
        self.site = site_dir
        self._pages: dict[str, Page] = {}

    def html_files(self) -> list[str]:
        """Site-relative paths of every HTML page, sorted."""
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def page(self, rel: str) -> Page:
        if rel not in self._pages:
            self._pages[rel] = parse((self.site / rel).read_text(encoding="utf-8"))
        return self._pages[rel]

    def resolve(self, source: str, url: str) -> tuple[str | None, str]:
        """Return (site-relative target file or None if missing, fragment) for an internal URL."""
        parts = urlsplit(urljoin(_BASE + source, url))
        path = unquote(parts.path).lstrip("/")
        candidates = [path + "index.html"] if path.endswith("/") or not path else [path, path + "/index.html"]
        for candidate in candidates:
            if (self.site / candidate).is_file():
                return candidate, unquote(parts.fragment)
        return None, unquote(parts.fragment)

    def check_ref(self, source: str, url: str) -> str | None:
        """Return a problem with one internal reference from page `source`, or None."""
        if not url or url.startswith(_SKIP_SCHEMES) or is_offsite(url):
            return None
        target, fragment = self.resolve(source, url)
        if target is None:
            return f"broken link {url!r}: no such file in the site"
        if fragment and target.endswith(".html") and fragment not in self.page(target).ids:
            return f"broken anchor {url!r}: {target} has no element with id {fragment!r}"
        return None

    def link_problems(self) -> list[str]:
        """Every internal link, resource and #anchor that does not resolve."""
        problems = []
        for rel in self.html_files():
            for ref in self.page(rel).refs:
                problem = self.check_ref(rel, ref.url)
                if problem:
                    problems.append(f"site/{rel}:{ref.line}: {problem}")
        index = self.site / "search" / "search_index.json"
        if index.is_file():
            for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
                problem = self.check_ref("index.html", doc["location"] or "./")
                if problem:
                    problems.append(f"site/search/search_index.json: {problem}")
        return problems

    def offsite_problems(self) -> list[str]:
        """Every resource (script, stylesheet, image, frame, CSS url()) that points off the site."""
        problems = []
        for rel in self.html_files():
            for ref in self.page(rel).refs:
                if ref.resource and is_offsite(ref.url):
                    problems.append(f"site/{rel}:{ref.line}: loads {ref.url!r} from off the site")
        for css in sorted(self.site.rglob("*.css")):
            text = css.read_text(encoding="utf-8", errors="replace")
            for m in _CSS_URL.finditer(text):
                if not m.group(1).startswith(_SKIP_SCHEMES) and is_offsite(m.group(1)):
                    line = text.count("\n", 0, m.start()) + 1
                    rel = css.relative_to(self.site).as_posix()
                    problems.append(f"site/{rel}:{line}: loads {m.group(1)!r} from off the site")
        return problems
