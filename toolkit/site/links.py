"""Stable deep links: the registry of public anchors, its committed baseline, aliases and redirects.

Every page URL and every anchor on it (section headings, tool items) is public: educators put
them in session plans. The build collects them into a :class:`Registry`, writes it to
``site/links.json`` and checks it against the baseline committed in ``docs/links.lock``
(one ``/url/#anchor`` a line). A baseline entry that is gone fails the build with
``docs/links.lock:LINE: ...`` unless a redirect or alias is declared:

- ``moved_from: [old-id]`` on a tool gives the old tool URL a redirect page;
- ``moved_from: [old-id]`` on an item, question, field, section, outcome or stage keeps an
  alias anchor ``tool--old-id`` beside the new one;
- in a Markdown page's front matter, ``moved_from: [old/page.md]`` gives the old URL a redirect
  page and ``moved_anchors: {old-id: new-id}`` keeps alias anchors.
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.content.issue import ContentError, Issue
from toolkit.site.addresses import LINKS_JSON, LINKS_URI, anchor, output_path, relative_url, tool_of, tool_uri, url_path
from toolkit.site.templating import render_template

if TYPE_CHECKING:
    from toolkit.site.build_state import BuildState

LOCK_FILE = "links.lock"
PLACEHOLDER = '<div class="tk-links-directory"></div>'


def tool_anchors(tool: Any) -> Iterator[tuple[str, Any]]:
    """Yield (anchor, model part) for every addressable part of a tool on its own page."""
    for ids, part in tool.addressable():
        yield anchor(tool.id, *ids), part


def tool_aliases(tool: Any) -> dict[str, str]:
    """Return old anchor -> current anchor for every part of a tool that declares `moved_from`."""
    aliases = {}
    for new, part in tool_anchors(tool):
        for old in getattr(part, "moved_from", []):
            aliases[anchor(tool.id, old)] = new
    return aliases


def toc_ids(toc: Iterable[Any]) -> Iterator[str]:
    """Yield the id of every heading in a table of contents (objects with .id and .children)."""
    for link in toc:
        yield link.id
        yield from toc_ids(link.children)


#: Elements that hold no children: an alias goes just before them instead.
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def insert_aliases(html: str, aliases: dict[str, str]) -> str:
    """Put an empty element carrying each old id at the start of the element with the new id.

    Inside it, not before it: an item is an `<li>`, and a `<span>` between list items is not
    allowed in a list (a validator refuses it, and a reader's old link would land beside the item).
    """
    for old, new in sorted(aliases.items()):
        if re.search(rf'\bid="{re.escape(old)}"', html):
            continue
        match = re.search(rf'<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*\bid="{re.escape(new)}"[^<>]*>', html)
        if match:
            span = f'<span class="tk-anchor-alias" id="{old}" aria-hidden="true"></span>'
            at = match.start() if match.group(1).lower() in _VOID else match.end()
            html = html[:at] + span + html[at:]
    return html


@dataclass
class Redirect:
    """An old URL that sends readers to a new one; tool anchors are renamed on the way."""

    to: str
    old_prefix: str = ""
    new_prefix: str = ""

    def target_anchor(self, old_anchor: str) -> str:
        if self.old_prefix and old_anchor == self.old_prefix:
            return self.new_prefix
        if self.old_prefix and old_anchor.startswith(self.old_prefix + "--"):
            return self.new_prefix + old_anchor[len(self.old_prefix) :]
        return old_anchor


@dataclass
class Registry:
    """Every public page and anchor of one build, and the declared redirects."""

    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # url -> {title, anchors}
    redirects: dict[str, Redirect] = field(default_factory=dict)
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # url -> {old: new}

    def add_page(self, url: str, title: str, anchors: Iterable[str], aliases: dict[str, str]) -> None:
        self.pages[url] = {"title": title, "anchors": sorted(set(anchors))}
        if aliases:
            self.aliases[url] = dict(sorted(aliases.items()))

    def entries(self) -> list[str]:
        """Return every public link, one string each: '/url/' and '/url/#anchor'."""
        out = []
        for url, page in self.pages.items():
            out.append(url)
            out += [f"{url}#{a}" for a in page["anchors"]]
        return sorted(out)

    def resolves(self, entry: str) -> bool:
        """Tell whether an old link still reaches something, directly, by alias or by redirect."""
        url, _, frag = entry.partition("#")
        seen = set()
        while url in self.redirects and url not in seen:
            seen.add(url)
            redirect = self.redirects[url]
            url, frag = redirect.to, redirect.target_anchor(frag) if frag else frag
        page = self.pages.get(url)
        if page is None:
            return False
        return not frag or frag in page["anchors"] or frag in self.aliases.get(url, {})

    def to_json(self) -> str:
        """Return links.json: deterministic (sorted keys, no timestamps)."""
        data = {
            "pages": {url: {**page, "aliases": self.aliases.get(url, {})} for url, page in self.pages.items()},
            "redirects": {old: r.to for old, r in self.redirects.items()},
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def lock_text(registry: Registry) -> str:
    """Return the baseline file's text for a registry."""
    head = (
        "# Public links of the toolkit: every page and anchor an educator may link to.\n"
        "# The build fails when one of these disappears without a redirect (moved_from).\n"
        "# Regenerate after adding pages or anchors: toolkit links --update\n"
    )
    return head + "".join(e + "\n" for e in registry.entries())


def read_lock(file: Path) -> list[tuple[int, str]]:
    """Return (line, entry) for every entry of a baseline file."""
    out = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


def check(registry: Registry, lock: list[tuple[int, str]], lock_path: str, skip: Iterable[str] = ()) -> list[Issue]:
    """Return an issue for every baseline link that no longer resolves.

    `skip` lists URLs deliberately withdrawn (tools a local overlay hides).
    """
    skipped = tuple(skip)
    issues = []
    for line, entry in lock:
        if entry.partition("#")[0] in skipped or registry.resolves(entry):
            continue
        url, _, frag = entry.partition("#")
        what = f"anchor #{frag} on {url}" if frag else f"page {url}"
        issues.append(
            Issue(
                lock_path,
                line,
                (
                    f"public link {entry} is gone: the {what} was removed or renamed. Keep the old id, or declare "
                    "it with moved_from (tool or item YAML; moved_from/moved_anchors in a page's front matter); "
                    "if it really should go, run `toolkit links --update`"
                ),
            )
        )
    return issues


def tool_redirects(catalog: Any, use_directory_urls: bool = True) -> dict[str, Redirect]:
    """Return the redirects that tools' `moved_from` declare."""
    out = {}
    for entry in catalog.tools.values():
        tool = entry.tool
        for old in tool.moved_from:
            out[url_path(tool_uri(old), use_directory_urls)] = Redirect(
                url_path(tool_uri(tool.id), use_directory_urls), old, tool.id
            )
    return out


def redirect_html(old_url: str, redirect: Redirect, title: str) -> str:
    """Return a static redirect page (meta refresh and a plain link; a script keeps the anchor)."""
    target = relative_url(redirect.to, old_url)
    return render_template(
        "files/redirect.html.j2",
        target=target,
        title=title,
        old_prefix=redirect.old_prefix,
        new_prefix=redirect.new_prefix,
    )


def directory_html(registry: Registry, from_url: str) -> str:
    """Return the HTML list of every public link, for the links page at `from_url`."""
    # Each page's address is linked once per anchor (thousands): work each link out once.
    href = functools.lru_cache(maxsize=None)(lambda url: relative_url(url, from_url))
    return render_template("files/links-directory.html.j2", registry=registry, href=href)


# ----------------------------------------------------------------- one build's links


def record_page(state: BuildState, html: str, page: Any) -> str:
    """Insert alias anchors into a rendered page and record its public anchors in the build's
    registry. `page` is a finish.Page (src_uri, url, title, meta, toc_ids, display)."""
    tool_id = tool_of(page.src_uri)
    if tool_id in state.hidden:
        return html
    anchors = list(page.toc_ids)
    aliases: dict[str, str] = {}
    if tool_id is not None and tool_id in state.shown.tools:
        tool = state.shown.tools[tool_id].tool
        anchors += [a for a, _ in tool_anchors(tool)]
        aliases = tool_aliases(tool)
    display = page.display
    moved_anchors = page.meta.get("moved_anchors", {})
    moved_from = page.meta.get("moved_from", [])
    if not isinstance(moved_anchors, dict) or not all(isinstance(v, str) for v in moved_anchors.values()):
        raise ContentError([Issue(display, 1, "moved_anchors: must map old anchor ids to current ones")])
    if not isinstance(moved_from, list) or not all(isinstance(v, str) and v.endswith(".md") for v in moved_from):
        raise ContentError([Issue(display, 1, "moved_from: must list the page's old paths, e.g. [guides/old-name.md]")])
    for old, new in moved_anchors.items():
        if new not in anchors:
            raise ContentError(
                [Issue(display, 1, f"moved_anchors: {old!r} points to {new!r}, which is not an anchor of this page")]
            )
        aliases[str(old)] = new
    for old in moved_from:
        state.registry.redirects[url_path(old, state.use_directory_urls)] = Redirect(page.url)
    state.registry.add_page(page.url, html_lib.unescape(page.title), anchors, aliases)
    return insert_aliases(html, aliases)


def check_links(state: BuildState, update: bool) -> None:
    """Compare the build's public links with docs/links.lock; write it instead when `update`."""
    registry = state.registry
    lock = state.docs_dir / LOCK_FILE
    issues = [
        Issue(
            state.display(lock),
            1,
            f"a redirect from {old} would hide the page there; remove moved_from: or the page",
        )
        for old in registry.redirects
        if old in registry.pages
    ]
    if issues:
        raise ContentError(issues)
    if update:
        lock.write_text(lock_text(registry), encoding="utf-8")
        return
    if not lock.is_file():
        return
    skip = [url_path(tool_uri(t), state.use_directory_urls) for t in state.hidden]
    issues = check(registry, read_lock(lock), state.display(lock), skip)
    if issues:
        raise ContentError(issues)


def fill_links_page(state: BuildState, src_uri: str, html: str) -> str:
    """Fill the links page's directory once every page has been rendered."""
    if src_uri != LINKS_URI or PLACEHOLDER not in html:
        return html
    return html.replace(PLACEHOLDER, directory_html(state.registry, url_path(LINKS_URI, state.use_directory_urls)))


def late_files(state: BuildState) -> dict[str, str]:
    """Files known only after rendering: links.json and the redirect pages."""
    registry = state.registry
    out = {LINKS_JSON: registry.to_json()}
    for old, redirect in sorted(registry.redirects.items(), key=lambda kv: kv[0]):
        title = registry.pages.get(redirect.to, {}).get("title", redirect.to)
        out[output_path(old)] = redirect_html(old, redirect, title)
    return out
