"""A strict Content-Security-Policy for the built site, computed from the HTML itself.

The policy allows nothing but the site's own files, plus the SHA-256 hashes of the few inline
scripts and styles the theme writes into pages (Material's `__md_scope` helper differs with
each page's depth, so the hashes are read from the output, not hard-coded). Inline event
handlers, `style` attributes and `javascript:` URLs cannot be allowed by hashes; they are
reported as problems, which fail a strict build.

The policy also travels inside every page, as a ``<meta>`` element (:func:`add_policy_meta`), for
sites served without the header: a shared drive, the offline zip, hosts that cannot set headers.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Where the build writes the policy: the value of the Content-Security-Policy header.
POLICY_FILE = "csp.txt"
#: `type` values of script elements that run (JSON data blocks and the like do not).
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}

# The scan works on the pages' UTF-8 bytes: the hashes are of those bytes, and lower-casing and
# searching bytes is several times faster than text (most of the scan's time was spent there).
_ELEMENT = re.compile(rb"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TYPE = re.compile(rb"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(rb"\bsrc\s*=", re.I)
_TAG = re.compile(rb"<[a-zA-Z][^<>]*>")
_HANDLER = re.compile(rb"\s(on[a-z]+)\s*=", re.I)
_STYLE_ATTR = re.compile(rb"\sstyle\s*=", re.I)
_JS_URL = re.compile(rb"""\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


@dataclass
class Findings:
    """Inline code found in a site: hashes to allow and problems hashes cannot fix."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def source_hash(code: str | bytes) -> str:
    """Return the CSP source expression for inline code: 'sha256-<base64>'."""
    digest = hashlib.sha256(code.encode("utf-8") if isinstance(code, str) else code).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


#: Cheap tests, on lower-cased bytes, that find at least whatever the tag-by-tag check finds.
#: "on" starts the handler pattern so that the search can skip to each "on"; the space before
#: it is checked for the few places it occurs.
_MAYBE_HANDLER = re.compile(rb"on[a-z]+\s*=")
_MAYBE_STYLE = re.compile(rb"style\s*=")


def _maybe_problems(markup: bytes) -> bool:
    """Whether a page may hold a problem at all: most hold none, and looking tag by tag through
    every page was most of the scan's time."""
    lower = markup.lower()
    if b"javascript:" in lower or _MAYBE_STYLE.search(lower):
        return True
    return any(lower[m.start() - 1 : m.start()].isspace() for m in _MAYBE_HANDLER.finditer(lower))


def scan(html: str | bytes, where: str, found: Findings) -> None:
    """Add the inline scripts, styles and problems of one page (text or UTF-8 bytes) to `found`."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    for m in _ELEMENT.finditer(html):
        name, attrs, body = m.group(1).lower(), m.group(2), m.group(3)
        if name == b"style":
            found.styles.add(source_hash(body))
            continue
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and (kind.group(1).lower().decode("ascii", "replace") if kind else "") in _RUNNABLE:
            found.scripts.add(source_hash(body))
    markup = _ELEMENT.sub(lambda m: b"\n" * m.group(0).count(b"\n"), html)
    if not _maybe_problems(markup):
        return
    for tag in _TAG.finditer(markup):
        text = tag.group(0)
        for problem, pattern in (
            ("an inline event handler ({})", _HANDLER),
            ("a style attribute{}", _STYLE_ATTR),
            ("a javascript: URL{}", _JS_URL),
        ):
            hit = pattern.search(text)
            if hit:
                # Counted only for a problem: counting for every tag was most of the scan.
                line = markup.count(b"\n", 0, tag.start()) + 1
                detail = hit.group(1).decode("utf-8", "replace") if hit.groups() else ""
                found.problems.append(
                    f"{where}:{line}: {problem.format(detail)} is blocked by the site's "
                    "Content-Security-Policy; use a class and toolkit CSS/JS instead"
                )


def policy(found: Findings) -> str:
    """Return the header value: only the site itself, plus hashes of its inline code."""
    scripts = " ".join(["'self'", *sorted(found.scripts)])
    styles = " ".join(["'self'", *sorted(found.styles)])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        f"style-src {styles}; "
        # Material's stylesheets draw icons with data: SVG images (CSS masks).
        "img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    )


def scan_site(site_dir: Path) -> Findings:
    """Scan every HTML page of a built site."""
    found = Findings()
    for path in sorted(site_dir.rglob("*.html")):
        where = path.relative_to(site_dir).as_posix()
        scan(path.read_bytes(), f"site/{where}", found)
    return found


def write_policy(site_dir: Path) -> tuple[str, list[str]]:
    """Write the site's policy to site_dir/csp.txt; return it and any problems found."""
    found = scan_site(site_dir)
    value = policy(found)
    (site_dir / POLICY_FILE).write_text(value + "\n", encoding="utf-8")
    return value, found.problems


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
