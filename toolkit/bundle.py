"""The browser layer as the site ships it: toolkit/assets files, minified and joined.

Each concern is a small readable file in toolkit/assets; the site gets one script and one
stylesheet (fewer requests, better compression: the budget, measured by `make bench`, is
15 KB gzipped for all toolkit JavaScript and CSS together). Minification uses rjsmin and
rcssmin, which only drop comments and spare whitespace, so the shipped code is the same code.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

ASSETS_DIR = Path(__file__).parent / "assets"

#: Site path -> the files in toolkit/assets joined, in order, into it.
#: links.css (copy-link buttons, path navigation, handouts) ships inside toolkit.css, and so does
#: theme.css (accessibility fixes to Material's own styles).
#: store.js is the core the tool scripts use: it comes first; add a new concern's file here.
ASSETS: dict[str, tuple[Path, ...]] = {
    "assets/toolkit/toolkit.css": (
        ASSETS_DIR / "toolkit.css", ASSETS_DIR / "links.css", ASSETS_DIR / "theme.css", ASSETS_DIR / "print.css",
    ),
    "assets/toolkit/toolkit.js": tuple(
        ASSETS_DIR / name
        for name in ("store.js", "checklist.js", "fields.js", "flow.js", "template.js", "finder.js", "links.js", "print.js")
    ),
}


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
