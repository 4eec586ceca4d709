"""Content cannot run code: markup from content (tool text, pages, local/) that would run code or
load another document fails the build with `path:line`.

Why a check as well as the policy: the policy (csp.txt, sent as a header; :mod:`toolkit.site.csp`)
hashes every inline script it finds, so a ``<script>`` written into a tool's text would be allowed
by its own hash; and a site opened from a shared drive or the offline zip gets no header at all.
So code from content is refused at build time, and the policy also travels inside every page.
:func:`toolkit.site.finish.finish_page` calls :func:`content_issues` on each page's content.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from toolkit.content.issue import Issue, display_path

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
        return display_path(path, self.root)


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
