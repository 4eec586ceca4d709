"""One build's state: what generating learns that finishing needs.

A build starts with :func:`BuildState.start` (find and load the local overlay). Generating fills
in the content (every tool, those shown and those the overlay hides, learning paths, scenario
cards, pages kept out of the menu: :mod:`toolkit.site.generate` and :mod:`toolkit.site.pages`);
finishing records every public page and anchor in the link registry and writes what comes of it
(:mod:`toolkit.site.links`). The MkDocs adapter keeps one for each build; ``toolkit finish`` makes
its own. No engine is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.content import overlay as overlays
from toolkit.content.catalog import Catalog, is_data_file
from toolkit.content.issue import display_path
from toolkit.site import paths, scenarios
from toolkit.site.addresses import tool_of
from toolkit.site.links import LOCK_FILE, Registry, tool_redirects

#: `TOOLKIT_LINKS_UPDATE=1`: write docs/links.lock from this build instead of checking it.
UPDATE_ENV = "TOOLKIT_LINKS_UPDATE"


@dataclass
class BuildState:
    """Per-build state: the overlay, every tool and which are shown or hidden, learning paths,
    scenario cards, the pages kept out of the menu, and the link registry."""

    root: Path
    docs_dir: Path
    overlay: overlays.Overlay | None
    full: Catalog | None = None
    shown: Catalog = field(default_factory=lambda: Catalog(papers={}, tools={}))
    hidden: dict[str, Any] = field(default_factory=dict)
    #: Tools that come from the overlay's own folders (tools.json marks them).
    local_tools: set[str] = field(default_factory=set)
    paths: list[paths.LoadedPath] = field(default_factory=list)
    cards: list[scenarios.LoadedCard] = field(default_factory=list)
    #: Generated pages listed by an index or their path's page rather than the menu.
    off_nav: set[str] = field(default_factory=set)
    registry: Registry = field(default_factory=Registry)
    use_directory_urls: bool = True

    @classmethod
    def start(cls, root: Path, docs_dir: Path) -> BuildState:
        """Begin a build: find and load the local overlay, if there is one (raises ContentError)."""
        folder = overlays.find(root)
        return cls(root, docs_dir, overlays.load(folder, root) if folder else None)

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
        self.registry.redirects.update(tool_redirects(self.shown))
        return self.full

    def is_unpublished(self, src_uri: str) -> bool:
        """Whether a file under docs/ is content data, read by the toolkit and never published."""
        return (
            is_data_file(src_uri)
            or paths.is_path_file(src_uri)
            or scenarios.is_scenario_file(src_uri)
            or src_uri == LOCK_FILE
        )

    def not_in_nav(self, src_uri: str) -> bool:
        """Whether a generated page stays out of the navigation: a hidden tool's notice, or a
        scenario card, card sheet or session page (their index and their path's page list them)."""
        return tool_of(src_uri) in self.hidden or src_uri in self.off_nav

    def display(self, file: Path) -> str:
        """A file as messages show it: relative to the project when it is inside it."""
        return display_path(file, self.root)

    def display_uri(self, src_uri: str) -> str:
        """A page or file under docs/ as messages show it."""
        return self.display(self.docs_dir / src_uri)
