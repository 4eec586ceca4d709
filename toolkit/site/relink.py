"""Links in tool text, written relative to the tool's own page, made relative to the page showing it."""

from __future__ import annotations

import posixpath
import re

from toolkit.site.addresses import rel

#: A link to another page of the site in rendered tool text: a relative .md path.
PAGE_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|/)([^"#]+\.md)(#[^"]*)?"')


def relink(html: str, base_uri: str, page_uri: str) -> str:
    """Make links written relative to `base_uri` (a tool's own page, tools/<id>.md) relative to
    `page_uri`, the page the tool is shown on: its own page or a page that embeds it."""

    def move(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base_uri), match.group(1)))
        return f'href="{rel(target, page_uri)}{match.group(2) or ""}"'

    return PAGE_LINK.sub(move, html)
