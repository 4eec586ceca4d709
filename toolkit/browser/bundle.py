"""The browser layer as the site ships it: toolkit/browser files, minified, joined, and which page gets which.

Each concern is a small readable file in toolkit/browser/{core,kinds,print,finder}. Every page gets the core: one
stylesheet (toolkit.css) and one script (toolkit.js: store.js, the answers layer the tools
use, and links.js). A page gets the rest only if it needs it (`page_assets`): a tool's kind
script where a tool of that kind is shown, the print view where a tool or a print pack is,
the finder on the tool list. The budget, measured per page by `make bench`
(scripts/bench_assets.py), is 15 KB gzipped for a page's toolkit JavaScript and CSS together.
Minification uses rjsmin and rcssmin, which only drop comments and spare whitespace, so the
shipped code is the same code.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin

ASSETS_DIR = Path(__file__).parent
_DIR = "assets/toolkit/"


#: File name -> its source in toolkit/browser/{core,kinds,print,finder}/ (names are unique).
_SOURCES = {p.name: p for room in ("core", "kinds", "print", "finder") for p in (ASSETS_DIR / room).iterdir()}


def _files(*names: str) -> tuple[Path, ...]:
    return tuple(_SOURCES[name] for name in names)


#: Site path -> the files in toolkit/browser joined, in order, into it.
#: links.css (copy-link buttons, path navigation, handouts) ships inside toolkit.css, and so does
#: theme.css (accessibility fixes to Material's own styles). store.js is the core the tool
#: scripts use: it comes first. Add a new concern's file here and say in `page_assets` who needs it.
ASSETS: dict[str, tuple[Path, ...]] = {
    _DIR + "toolkit.css": _files("toolkit.css", "links.css", "theme.css"),
    _DIR + "toolkit.js": _files("store.js", "links.js"),
    _DIR + "print.css": _files("print.css"),
    _DIR + "print.js": _files("print.js"),
    _DIR + "checklist.js": _files("checklist.js"),
    _DIR + "fields.js": _files("fields.js"),
    _DIR + "template.js": _files("template.js"),
    _DIR + "flow.js": _files("flow.js"),
    _DIR + "finder.js": _files("finder.js"),
    _DIR + "finder.css": _files("finder.css"),
    _DIR + "diagram.css": _files("diagram.css"),
}
#: On every page (MkDocs' extra_css and extra_javascript).
EVERY_PAGE = (_DIR + "toolkit.css", _DIR + "toolkit.js")
#: A tool kind -> the scripts that make it interactive (fields.js before template.js, which uses it).
KIND_SCRIPTS = {
    "checklist": ("checklist.js",),
    "reflection": ("fields.js",),
    "template": ("fields.js", "template.js"),
    "flow": ("flow.js",),
    "pathway": (),
}
_KIND = re.compile(r'class="tk-tool tk-tool--([a-z]+)"')


def page_assets(html: str) -> list[str]:
    """The site paths of the assets beyond EVERY_PAGE that a page's content needs, stylesheets first.

    A print pack gets the print view only: it is a document to print, its tools not filled in
    there (store.js leaves tools inside .tk-pack alone), which keeps its weight within budget.
    """
    names: list[str] = []
    kinds = set(_KIND.findall(html))
    if kinds or 'class="tk-print-actions"' in html or 'class="tk-pack"' in html:
        names += ["print.css", "print.js"]
    if 'class="tk-pack"' not in html:
        for kind in sorted(kinds):
            names += [n for n in KIND_SCRIPTS.get(kind, ()) if n not in names]
    if 'class="tk-diagram' in html:
        names.append("diagram.css")
    if re.search(r"<form [^>]*data-finder", html):
        names += ["finder.css", "finder.js"]
    uris = [_DIR + n for n in names]
    return sorted(uris, key=lambda u: not u.endswith(".css"))


def minified(path: Path) -> bytes:
    """One shipped .js or .css file without comments and spare whitespace."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        text = rjsmin.jsmin(text)
    elif path.suffix == ".css":
        text = rcssmin.cssmin(text)
    return text.encode("utf-8")


def asset_bytes(uri: str) -> bytes:
    """The bytes the site ships at `uri` (one of ASSETS): each file minified, then joined."""
    return b"\n".join(minified(path) for path in ASSETS[uri])
