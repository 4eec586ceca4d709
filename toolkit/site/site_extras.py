"""One build's deep links, learning paths, local overlay and machine-readable index.

Plain Python that :mod:`toolkit.engine.mkdocs_adapter` calls at each stage of a build; it keeps what
one build learns (which anchors each page has) until the end of that build.
"""

from __future__ import annotations

import html as html_lib
from pathlib import Path
from typing import Any

from toolkit.content import overlay as overlays
from toolkit.content.catalog import Catalog
from toolkit.content.issue import ContentError, Issue
from toolkit.site import addresses, links, paths, scenarios, sessions
from toolkit.site.addresses import ACCESSIBILITY_URI, LINKS_JSON, LOCAL_CSS, TOOLS_JSON, tool_of, tool_uri
from toolkit.site.exports import tools_json
from toolkit.site.links import Redirect, Registry
from toolkit.site.render import render_template

UPDATE_ENV = "TOOLKIT_LINKS_UPDATE"


class Extras:
    """Per-build state: the overlay, visible and hidden tools, paths and the link registry."""

    def __init__(self, root: Path, docs_dir: Path, overlay: overlays.Overlay | None):
        self.root = root
        self.docs_dir = docs_dir
        self.overlay = overlay
        self.full: Catalog | None = None
        self.shown: Catalog = Catalog(papers={}, tools={})
        self.hidden: dict[str, Any] = {}
        self.paths: list[paths.LoadedPath] = []
        self.cards: list[scenarios.LoadedCard] = []
        self.off_nav: set[str] = set()
        self.registry = Registry()
        self.local_tools: set[str] = set()
        self.use_directory_urls = True

    @classmethod
    def start(cls, root: Path, docs_dir: Path) -> Extras:
        """Begin a build: find and load the local overlay, if there is one."""
        folder = overlays.find(root)
        return cls(root, docs_dir, overlays.load(folder, root) if folder else None)

    # ----------------------------------------------------------------- files

    def load_catalog(self) -> Catalog:
        """Load every tool (shipped and local); remember which are shown and which hidden."""
        self.full = overlays.load_catalog_with(self.docs_dir, self.root, self.overlay)
        self.shown, self.hidden = overlays.visible(self.full, self.overlay)
        if self.overlay is not None:
            local = {d.resolve() for d in self.overlay.tool_dirs}
            self.local_tools = {
                tid
                for tid, e in self.full.tools.items()
                if any(d in (self.root / e.path).resolve().parents for d in local)
            }
        self.registry.redirects.update(links.tool_redirects(self.shown))
        return self.full

    def is_data_file(self, src_uri: str) -> bool:
        """Tell whether a file under docs/ is data for this module, not to be published."""
        return paths.is_path_file(src_uri) or scenarios.is_scenario_file(src_uri) or src_uri == links.LOCK_FILE

    def _path_files(self) -> list[tuple[Path, str]]:
        folders = [self.docs_dir] + ([self.overlay.folder] if self.overlay else [])
        return [(f, _display(f, self.root)) for folder in folders for f in paths.path_files(folder)]

    def pages(self, doc_uris: list[str]) -> dict[str, str]:
        """Return the extra generated pages: paths, audiences, the links page, local pages."""
        assert self.full is not None
        out: dict[str, str] = {addresses.LINKS_URI: render_template("pages/links.md.j2")}
        # The accessibility statement: a template the overlay's `accessibility` settings complete.
        settings = self.overlay.settings if self.overlay else None
        out[ACCESSIBILITY_URI] = render_template(
            "pages/accessibility.md.j2",
            s=settings,
            a=settings.accessibility if settings else None,
            guide="authoring.md" in doc_uris,  # a project without the authoring guide gets no link to it
        )
        for tool_id, entry in self.hidden.items():
            out[tool_uri(tool_id)] = self.overlay.hidden_page(entry.tool)  # type: ignore[union-attr]
        overlay_pages = self.overlay.pages() if self.overlay else {}
        if self.overlay and addresses.LOCAL_INDEX_URI not in overlay_pages:
            out[addresses.LOCAL_INDEX_URI] = self.overlay.about_page()
        files = self._path_files()
        predicted = {addresses.path_uri(f.stem) for f, _ in files} | {addresses.PATHS_INDEX_URI}
        predicted |= {addresses.audience_uri(a) for a in paths.AUDIENCES} | {addresses.AUDIENCES_INDEX_URI}
        known = set(doc_uris) | set(out) | set(overlay_pages) | predicted
        known |= {tool_uri(t) for t in self.full.tools}
        cards = scenarios.load_cards(
            [(f, _display(f, self.root)) for f in scenarios.card_files(self.docs_dir)],
            set(self.full.papers),
            set(self.full.tools),
        )
        known |= {u for f, _ in files for u in addresses.session_uris(f.stem)}
        known |= {addresses.scenario_uri(c.card.id) for c in cards} | {addresses.SCENARIOS_INDEX_URI}
        known |= {addresses.sheet_uri(name) for name in scenarios.SHEETS}
        loaded = paths.load_paths(files, set(self.full.tools), known, {c.card.id for c in cards})
        self.paths = [lp for lp in (self._without_hidden(lp) for lp in loaded) if lp is not None]
        out |= paths.path_pages(self.paths, self.shown)
        self.cards = cards
        made = scenarios.scenario_pages(cards, self.shown, sessions.used_in(self.paths))
        made |= sessions.session_pages(self.paths, {c.card.id: c for c in cards}, self.shown)
        self.off_nav = set(made) - {addresses.SCENARIOS_INDEX_URI}
        out |= made
        for lc in cards:
            for old in lc.card.moved_from:
                self.registry.redirects[addresses.url_path(addresses.scenario_uri(old), self.use_directory_urls)] = (
                    Redirect(
                        addresses.url_path(addresses.scenario_uri(lc.card.id), self.use_directory_urls),
                        f"card-{old}",
                        f"card-{lc.card.id}",
                    )
                )
        return out

    def not_in_nav(self, src_uri: str) -> bool:
        """Tell whether a generated page stays out of the navigation: a hidden tool's notice, or a
        scenario card, card sheet or session page (their index and their path's page list them)."""
        return tool_of(src_uri) in self.hidden or src_uri in self.off_nav

    def _without_hidden(self, lp: paths.LoadedPath) -> paths.LoadedPath | None:
        steps = [s for s in lp.path.steps if s.tool not in self.hidden]
        if len(steps) == len(lp.path.steps):
            return lp
        if not steps:
            return None
        return paths.LoadedPath(lp.path.model_copy(update={"steps": steps}), lp.file, lp.lines)

    def overlay_files(self) -> dict[str, Path]:
        """Return site uri -> file for the overlay's logo and pages."""
        if self.overlay is None:
            return {}
        out = dict(self.overlay.pages())
        logo = self.overlay.logo()
        if logo:
            out[logo[0]] = logo[1]
        return out

    def static_files(self, site_url: str, use_directory_urls: bool) -> dict[str, str]:
        """Return generated non-page files known before rendering: tools.json, local colours."""
        self.use_directory_urls = use_directory_urls
        if not use_directory_urls:  # moved tools' redirects were made before the site's URL style was known
            for old in links.tool_redirects(self.shown):
                self.registry.redirects.pop(old, None)
            self.registry.redirects.update(links.tool_redirects(self.shown, use_directory_urls))
        out = {TOOLS_JSON: tools_json(self.shown, site_url, use_directory_urls, self.local_tools)}
        out[LINKS_JSON] = "{}\n"  # filled in by late_files() once every page is rendered
        css = self.overlay.css() if self.overlay else None
        if css:
            out[LOCAL_CSS] = css
        return out

    # ----------------------------------------------------------------- pages

    def navigation(self, markdown: str, src_uri: str) -> str:
        """Add "step N of M" with previous and next to a page that is a step of a path."""
        return paths.add_navigation(
            markdown,
            paths.step_navigation(src_uri, self.paths, self.shown),
            paths.step_navigation(src_uri, self.paths, self.shown, compact=True),
        )

    def record_page(
        self,
        html: str,
        *,
        src_uri: str,
        url: str,
        title: str,
        meta: dict[str, Any],
        toc_ids: list[str],
        use_directory_urls: bool,
        display: str,
    ) -> str:
        """Insert alias anchors into a rendered page and record its public anchors."""
        tool_id = tool_of(src_uri)
        if tool_id in self.hidden:
            return html
        anchors = list(toc_ids)
        aliases: dict[str, str] = {}
        if tool_id is not None and tool_id in self.shown.tools:
            tool = self.shown.tools[tool_id].tool
            anchors += [a for a, _ in links.tool_anchors(tool)]
            aliases = links.tool_aliases(tool)
        moved_anchors = meta.get("moved_anchors", {})
        moved_from = meta.get("moved_from", [])
        if not isinstance(moved_anchors, dict) or not all(isinstance(v, str) for v in moved_anchors.values()):
            raise ContentError([Issue(display, 1, "moved_anchors: must map old anchor ids to current ones")])
        if not isinstance(moved_from, list) or not all(isinstance(v, str) and v.endswith(".md") for v in moved_from):
            raise ContentError(
                [Issue(display, 1, "moved_from: must list the page's old paths, e.g. [guides/old-name.md]")]
            )
        for old, new in moved_anchors.items():
            if new not in anchors:
                raise ContentError(
                    [
                        Issue(
                            display, 1, f"moved_anchors: {old!r} points to {new!r}, which is not an anchor of this page"
                        )
                    ]
                )
            aliases[str(old)] = new
        for old in moved_from:
            self.registry.redirects[addresses.url_path(old, use_directory_urls)] = Redirect(url)
        self.registry.add_page(url, html_lib.unescape(title), anchors, aliases)
        return links.insert_aliases(html, aliases)

    def check_links(self, update: bool) -> None:
        """Compare the public links with docs/links.lock; write it instead when `update`."""
        lock = self.docs_dir / links.LOCK_FILE
        issues = [
            Issue(
                _display(lock, self.root),
                1,
                f"a redirect from {old} would hide the page there; remove moved_from: or the page",
            )
            for old in self.registry.redirects
            if old in self.registry.pages
        ]
        if issues:
            raise ContentError(issues)
        if update:
            lock.write_text(links.lock_text(self.registry), encoding="utf-8")
            return
        if not lock.is_file():
            return
        skip = [addresses.url_path(tool_uri(t), self.use_directory_urls) for t in self.hidden]
        issues = links.check(self.registry, links.read_lock(lock), _display(lock, self.root), skip)
        if issues:
            raise ContentError(issues)

    def finish_page(self, src_uri: str, html: str) -> str:
        """Fill the links page's directory once every page has been rendered."""
        if src_uri != addresses.LINKS_URI or links.PLACEHOLDER not in html:
            return html
        return html.replace(
            links.PLACEHOLDER,
            links.directory_html(self.registry, addresses.url_path(addresses.LINKS_URI, self.use_directory_urls)),
        )

    def late_files(self) -> dict[str, str]:
        """Return files known only after rendering: links.json and the redirect pages."""
        out = {LINKS_JSON: self.registry.to_json()}
        for old, redirect in sorted(self.registry.redirects.items(), key=lambda kv: kv[0]):
            title = self.registry.pages.get(redirect.to, {}).get("title", redirect.to)
            out[addresses.output_path(old)] = links.redirect_html(old, redirect, title)
        return out


def _display(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
