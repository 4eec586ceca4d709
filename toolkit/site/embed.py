"""Markers that put toolkit content in any Markdown page.

``<!-- toolkit:tool ID [level=N] -->`` embeds a tool; ``<!-- toolkit:cite PAPER -->`` writes the
full citation of a paper from the registry (so no page needs to copy a paper's title).

A marker is an HTML comment on a line of its own, so a page stays readable (and the
marker invisible) wherever it is not processed. Unknown marker names and unknown tool ids
are errors, so a typo fails the build instead of leaving a gap.
"""

from __future__ import annotations

import re

from toolkit.content.catalog import Catalog
from toolkit.content.issue import ContentError, Issue
from toolkit.site.addresses import PAPERS_URI, rel
from toolkit.site.diagrams import render_diagram
from toolkit.site.templating import render_template
from toolkit.site.tools import render_tool

MARKER = re.compile(r"^[ \t]*<!--\s*toolkit:(?P<name>[\w-]+)(?P<args>[^>]*?)\s*-->[ \t]*$", re.M)


def _tool(args: str, catalog: Catalog, page_uri: str) -> str:
    words = args.split()
    if not words:
        raise ValueError("toolkit:tool needs a tool id, e.g. <!-- toolkit:tool preparing-to-share -->")
    tool_id, options = words[0], dict(w.split("=", 1) for w in words[1:] if "=" in w)
    unknown = [w for w in words[1:] if not w.startswith("level=")]
    if unknown:
        raise ValueError(f"toolkit:tool: unknown option {unknown[0]!r} (known: level=N)")
    if tool_id not in catalog.tools:
        raise ValueError(f"toolkit:tool: unknown tool id {tool_id!r}")
    level = options.get("level", "2")
    if not level.isdigit() or not 1 <= int(level) <= 4:
        raise ValueError(f"toolkit:tool: level must be 1 to 4, not {level!r}")
    return render_tool(catalog.tool(tool_id), catalog, page_uri=page_uri, level=int(level))


def _cite(args: str, catalog: Catalog, page_uri: str) -> str:
    words = args.split()
    if len(words) != 1:
        raise ValueError("toolkit:cite needs one paper id, e.g. <!-- toolkit:cite imroc-20 -->")
    if words[0] not in catalog.papers:
        raise ValueError(f"toolkit:cite: unknown paper {words[0]!r} (known: {', '.join(sorted(catalog.papers))})")
    return render_template(
        "partials/cite.md.j2", p=catalog.papers[words[0]], link=rel(PAPERS_URI, page_uri) + "#" + words[0]
    )


def _diagram(args: str, catalog: Catalog, page_uri: str) -> str:
    words = args.split()
    if len(words) != 1:
        raise ValueError(
            "toolkit:diagram needs one diagram id, e.g. <!-- toolkit:diagram peer-support-working-pathway -->"
        )
    if words[0] not in catalog.diagrams:
        known = ", ".join(sorted(catalog.diagrams)) or "none"
        raise ValueError(f"toolkit:diagram: unknown diagram id {words[0]!r} (known: {known})")
    return render_diagram(catalog.diagrams[words[0]], catalog, page_uri=page_uri)


HANDLERS = {"tool": _tool, "cite": _cite, "diagram": _diagram}


def expand(markdown: str, catalog: Catalog, *, page_uri: str, path: str) -> str:
    """Replace every marker in a page; raise ContentError naming each bad marker's line."""
    issues: list[Issue] = []

    def replace(match: re.Match[str]) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        handler = HANDLERS.get(match["name"])
        if handler is None:
            issues.append(Issue(path, line, f"unknown marker toolkit:{match['name']} (known: {', '.join(HANDLERS)})"))
            return match.group(0)
        try:
            return "\n" + handler(match["args"], catalog, page_uri) + "\n"
        except ValueError as exc:
            issues.append(Issue(path, line, str(exc)))
            return match.group(0)

    out = MARKER.sub(replace, markdown)
    if issues:
        raise ContentError(issues)
    return out
