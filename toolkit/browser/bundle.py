"""The browser layer as the site ships it: toolkit/browser files, minified, joined, and which page gets which.

Each concern is a small readable file in toolkit/browser/{core,kinds,print,finder}. Every page gets the core: one
stylesheet (toolkit.css) and one script (toolkit.js: the answers layer the tools use, CORE_PARTS
joined inside one function, and links.js). A page gets the rest only if it needs it (`page_assets`): a tool's kind
script where a tool of that kind is shown, the print view where a tool or a print pack is,
the finder on the tool list. The budget, measured per page by `make bench`
(scripts/bench_assets.py), is 15 KB gzipped for a page's toolkit JavaScript and CSS together.
Scripts are minified by calmjs.parse (an ES5 parser): it drops comments and spare whitespace and
renames local variables to short names (never properties or globals), so the sources can use
readable names at no cost to the budget; about 10 % smaller gzipped than whitespace-only
minification. Stylesheets use rcssmin, which only drops comments and spare whitespace.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

ASSETS_DIR = Path(__file__).parent
_DIR = "assets/toolkit/"


#: File name -> its source in toolkit/browser/{core,kinds,print,finder}/ (names are unique).
ROOMS = ("core", "kinds", "print", "finder", "teamview")


def _sources() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(p for room in ROOMS for p in (ASSETS_DIR / room).iterdir() if p.suffix in (".js", ".css")):
        if path.name in found:
            raise RuntimeError(f"{path}: {found[path.name]} has the same name; asset file names must be unique")
        found[path.name] = path
    return found


_SOURCES = _sources()


def _files(*names: str) -> tuple[Path, ...]:
    return tuple(_SOURCES[name] for name in names)


#: The answers layer (toolkit/browser/core), one concern a file, in order: storage and the stored
#: format, DOM helpers, export and import, the confirm dialog, the saving controls, one tool on the
#: page, the kind registrar and start-up. They are parts of one script: joined in this order inside
#: one function, so they share its local names (which the minifier shortens) and nothing of theirs
#: is global but `window.TK`. Each part's opening comment says what it adds.
CORE_PARTS = _files("storage.js", "dom.js", "transfer.js", "ask.js", "bar.js", "tool.js", "registry.js")
#: Shipped path -> the parts joined into one function there.
ONE_SCOPE = {_DIR + "toolkit.js": CORE_PARTS}

#: Site path -> the files in toolkit/browser joined, in order, into it.
#: links.css (copy-link buttons, path navigation, handouts) ships inside toolkit.css, and so does
#: theme.css (accessibility fixes to Material's own styles). CORE_PARTS are the core the tool
#: scripts use: they come first. Add a new concern's file here and say in `page_assets` who needs it.
ASSETS: dict[str, tuple[Path, ...]] = {
    _DIR + "toolkit.css": _files("toolkit.css", "links.css", "theme.css"),
    _DIR + "toolkit.js": (*CORE_PARTS, *_files("links.js")),
    _DIR + "print.css": _files("print.css"),
    _DIR + "print.js": _files("print.js"),
    _DIR + "session.css": _files("session.css"),
    _DIR + "checklist.css": _files("checklist.css"),
    _DIR + "checklist.js": _files("checklist.js"),
    _DIR + "fields.js": _files("fields.js"),
    # A template's answer boxes are fields.js's: one file on a template's page (gzip compresses
    # the two better together), and a page with reflections too loads fields.js no more.
    _DIR + "template.js": _files("fields.js", "template.js"),
    _DIR + "flow.css": _files("flow.css"),
    _DIR + "flow.js": _files("flow.js"),
    _DIR + "pathway.css": _files("pathway.css"),
    _DIR + "pathway.js": _files("pathway.js"),
    _DIR + "template.css": _files("template.css"),
    # Loaded on demand by template.js (the Word writer when "Download my document (Word)" is
    # pressed, the print style of "Print my document", the "meet the team" sheet when one is started,
    # the contact-details check with the first answer to check), never linked from a page.
    _DIR + "docx.js": _files("docx.js"),
    _DIR + "team.js": _files("team.js"),
    _DIR + "contact.js": _files("contact.js"),
    _DIR + "team.css": _files("team.css"),
    _DIR + "doc-print.css": _files("doc-print.css"),
    _DIR + "finder.js": _files("finder.js"),
    # The search query rewrite: loaded by the theme's inline script when search is first opened.
    _DIR + "search.js": _files("search.js"),
    _DIR + "teamview.css": _files("teamview.css"),
    _DIR + "teamview.js": _files("teamview.js"),
    _DIR + "finder.css": _files("finder.css"),
    _DIR + "diagram.css": _files("diagram.css"),
}
#: Shipped but linked from no page: template.js (and the theme, search.js) loads them when first needed (see ASSETS).
ON_DEMAND = tuple(_DIR + n for n in ("docx.js", "team.js", "team.css", "contact.js", "doc-print.css", "search.js"))
#: On every page (MkDocs' extra_css and extra_javascript).
EVERY_PAGE = (_DIR + "toolkit.css", _DIR + "toolkit.js")
#: A tool kind -> the scripts (and stylesheets) that make it interactive (template.js carries fields.js).
KIND_SCRIPTS = {
    "checklist": ("checklist.css", "checklist.js"),
    "reflection": ("fields.js",),
    "template": ("template.css", "template.js"),
    "flow": ("flow.css", "flow.js"),
    "pathway": ("pathway.css", "pathway.js"),
}
_KIND = re.compile(r'class="tk-tool tk-tool--([a-z]+)"')


def page_assets(html: str) -> list[str]:
    """The site paths of the assets beyond EVERY_PAGE that a page's content needs, stylesheets first.

    A print pack gets the print view only: it is a document to print, its tools not filled in
    there (the core leaves tools inside .tk-pack alone), which keeps its weight within budget.
    """
    names: list[str] = []
    kinds = set(_KIND.findall(html))
    if kinds or 'class="tk-print-actions"' in html or 'class="tk-pack"' in html:
        names += ["print.css", "print.js"]
    if 'class="tk-pack"' not in html:
        for kind in sorted(kinds):
            names += [n for n in KIND_SCRIPTS.get(kind, ()) if n not in names]
        if "template.js" in names and "fields.js" in names:
            names.remove("fields.js")  # template.js carries it
    if 'class="tk-session' in html or 'class="tk-scenario' in html or 'class="tk-cards' in html:
        names.append("session.css")  # session plans, handouts and scenario cards (A4 print layout)
    if 'class="tk-diagram' in html:
        names.append("diagram.css")
    if re.search(r"<form [^>]*data-finder", html):
        names += ["finder.css", "finder.js"]
    if 'class="tk-teamview"' in html:
        names += ["teamview.css", "teamview.js"]
    uris = [_DIR + n for n in names]
    return sorted(uris, key=lambda u: not u.endswith(".css"))


#: Minified files kept between builds (calmjs.parse takes seconds over the scripts, on every build
#: and every test build), named by a hash of the source and the minifiers' versions: a changed
#: source or minifier is a new name, so a stale file is never used. TOOLKIT_MINIFY_CACHE moves it.
MINIFY_CACHE = Path(os.environ.get("TOOLKIT_MINIFY_CACHE") or ASSETS_DIR.parent.parent / ".cache" / "minified")
_MINIFIERS = f"calmjs.parse {version('calmjs.parse')}; rcssmin {version('rcssmin')}"


@lru_cache(maxsize=64)
def _minify(text: str, suffix: str) -> str:
    key = hashlib.sha256(f"{_MINIFIERS}\n{suffix}\n{text}".encode()).hexdigest()[:32]
    kept = MINIFY_CACHE / f"{key}{suffix}"
    try:
        return kept.read_text(encoding="utf-8")
    except OSError:
        pass
    out = _minify_now(text, suffix)
    try:  # best effort: a read-only checkout still builds, only more slowly
        MINIFY_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        tmp.write_text(out, encoding="utf-8")
        tmp.replace(kept)
    except OSError:
        pass
    return out


def _minify_now(text: str, suffix: str) -> str:
    if suffix == ".js":
        # Globals (window.TK and the rest) keep their names: the files share them.
        return minify_print(es5(text), obfuscate=True, obfuscate_globals=False)
    if suffix == ".css":
        return rcssmin.cssmin(text)
    return text


def minified(path: Path) -> bytes:
    """One shipped .js or .css file without comments and spare whitespace (scripts' local names shortened)."""
    return _minify(path.read_text(encoding="utf-8"), path.suffix).encode("utf-8")


def one_scope(parts: tuple[Path, ...]) -> str:
    """Script parts joined, in order, inside one strict-mode function (their local names shared)."""
    body = "\n".join(path.read_text(encoding="utf-8") for path in parts)
    return '(function () {\n"use strict";\n' + body + "\n})();\n"


def asset_bytes(uri: str) -> bytes:
    """The bytes the site ships at `uri` (one of ASSETS): each file minified (parts of one scope
    joined first, see ONE_SCOPE), then joined."""
    scoped = ONE_SCOPE.get(uri, ())
    out = [_minify(one_scope(scoped), ".js").encode("utf-8")] if scoped else []
    return b"\n".join(out + [minified(path) for path in ASSETS[uri] if path not in scoped])
