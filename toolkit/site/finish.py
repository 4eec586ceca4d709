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
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from toolkit.content.issue import Issue

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
                self.found.append(Finding(f"an inline event handler ({name}=)", re.compile(rf"\b{name}\s*=", re.I),
                                          (written, f"{name}={value}")))
            elif value and _URL_NOISE.sub("", value).lower().startswith(_CODE_SCHEMES):
                scheme = _URL_NOISE.sub("", value).lower().split(":", 1)[0]
                self.found.append(Finding(f"a {scheme}: address ({name}=)", _SCHEME_IN_SOURCE[scheme], (written, value)))

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


def hostile(html: str, allowed_scripts: Iterable[str] = ()) -> list[Finding]:
    """Return every element, attribute or address in `html` that would run code or embed a document.

    `html` is parsed as a browser would read it (entities decoded, any letter case), so
    ``&#106;avascript:`` and ``ONCLICK`` are found too; text shown as code (``&lt;script&gt;``) is not.
    `allowed_scripts` are the toolkit's own script addresses, which may appear as ``<script src>``.
    """
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
            self._all = sorted(p for folder in self.folders for p in folder.rglob("*")
                               if p.is_file() and p.suffix in _TEXT_SUFFIXES)
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


MESSAGE = ("{what} would run code or load another document on {page}; content (tool text, pages, "
           "local/) may not hold scripts, event handlers, javascript: links, iframes, objects or embeds")


def content_issues(html: str, *, page: str, own_sources: list[Path], sources: Sources,
                   fallback: str, allowed_scripts: Iterable[str] = ()) -> list[Issue]:
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


# ------------------------------------------------------------------ the policy in every page

_HEAD = re.compile(rb"<head\b[^>]*>", re.I)
_CHARSET = re.compile(rb"<meta\s+charset=[^>]*>", re.I)
_OLD_META = re.compile(rb'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
#: Directives a <meta> policy cannot carry (browsers ignore them there, with a console warning).
_HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def meta_policy(header_policy: str) -> str:
    """The header policy without the directives browsers ignore in a ``<meta>`` element."""
    kept = [d.strip() for d in header_policy.split(";") if d.strip() and d.split()[0] not in _HEADER_ONLY]
    return "; ".join(kept)


def with_policy_meta(page: bytes, header_policy: str) -> bytes:
    """Return the page with the policy as its first ``<meta>`` after the character set.

    Placed that early so it governs every script and style that follows; an earlier copy
    (a page finished twice) is replaced.
    """
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html_lib.escape(meta_policy(header_policy))}">'.encode()
    page = _OLD_META.sub(b"", page)
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page
    return page[: anchor.end()] + b"\n    " + tag + page[anchor.end():]


def add_policy_meta(site_dir: Path, header_policy: str) -> int:
    """Put the policy into every HTML page of a built site; return how many pages were written."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        page = path.read_bytes()
        new = with_policy_meta(page, header_policy)
        if new != page:
            path.write_bytes(new)
            count += 1
    return count
