"""Local customisation without forking: a `local/` folder beside mkdocs.yml.

A training department puts its changes in one folder and never edits a shipped file, so
upgrading the toolkit is a clean merge::

    local/
      local.yml        organisation name, logo, colours, contact, policy links, hidden tools
      logo.svg         any image named in local.yml
      pages/*.md       extra pages, published under local/
      tools/*.yml      extra tools (same format as docs/tools)
      paths/*.yml      extra learning paths (same format as docs/paths)

The folder is found at ``$TOOLKIT_LOCAL`` when set (relative to mkdocs.yml), else ``local/``.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.content.catalog import Catalog, load_catalog
from toolkit.content.issue import ContentError, Issue, display_path
from toolkit.content.load import LineMap, Loaded, parse, read_yaml
from toolkit.content.model import LocalOverlay
from toolkit.site.addresses import LOCAL_ASSETS_DIR, LOCAL_DIR, LOCAL_INDEX_URI
from toolkit.site.templating import render_template

SETTINGS_FILE = "local.yml"
ENV = "TOOLKIT_LOCAL"


@dataclass
class Overlay:
    """A loaded overlay folder."""

    folder: Path
    settings: LocalOverlay
    display: str  # local.yml as messages show it
    lines: LineMap

    @property
    def name(self) -> str:
        return self.settings.organisation.name

    @property
    def tool_dirs(self) -> list[Path]:
        return [self.folder / "tools"] if (self.folder / "tools").is_dir() else []

    def logo(self) -> tuple[str, Path] | None:
        """Return (site uri, file) of the logo, if one is set."""
        logo = self.settings.organisation.logo
        if not logo:
            return None
        return f"{LOCAL_ASSETS_DIR}/{Path(logo).name}", self.folder / logo

    def pages(self) -> dict[str, Path]:
        """Return site src_uri -> file for every extra page."""
        base = self.folder / "pages"
        if not base.is_dir():
            return {}
        return {f"{LOCAL_DIR}/{f.relative_to(base).as_posix()}": f for f in sorted(base.rglob("*.md"))}

    def css(self) -> str | None:
        """Return the stylesheet that applies the organisation's colours, if any."""
        colours = self.settings.organisation.colours
        return render_template("files/local.css.j2", colours=colours) if colours else None

    def about_page(self) -> str:
        """Return the page about the organisation: contact details and local policies."""
        return render_template(
            "pages/local-about.md.j2",
            s=self.settings,
            pages=[
                (uri.removeprefix(LOCAL_DIR + "/"), _title(f))
                for uri, f in self.pages().items()
                if uri != LOCAL_INDEX_URI
            ],
        )

    def hidden_page(self, tool: Any) -> str:
        """Return the page shown at a hidden tool's address."""
        return render_template("pages/local-hidden.md.j2", tool=tool, org=self.name)


def _title(file: Path) -> str:
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].split("{", 1)[0].strip()
    return file.stem.replace("-", " ").capitalize()


def find(config_dir: Path) -> Path | None:
    """Return the overlay folder for a site, or None when it has none."""
    configured = os.environ.get(ENV)
    folder = (config_dir / configured) if configured else (config_dir / "local")
    if configured and not (folder / SETTINGS_FILE).is_file():
        raise ContentError(
            [Issue(display_path(folder / SETTINGS_FILE, config_dir), 1, f"{ENV} is set but this file is missing")]
        )
    return folder if (folder / SETTINGS_FILE).is_file() else None


def load(folder: Path, root: Path) -> Overlay:
    """Load and check local.yml."""
    file = folder / SETTINGS_FILE
    display = display_path(file, root)
    data, lines = read_yaml(file, display)
    settings = parse(LocalOverlay, data, display, lines)
    overlay = Overlay(folder, settings, display, lines)
    logo = overlay.logo()
    if logo and not logo[1].is_file():
        raise ContentError(
            [
                Issue(
                    display,
                    lines.line(("organisation", "logo")),
                    f"organisation.logo: no file {settings.organisation.logo!r} in {display_path(folder, root)}",
                )
            ]
        )
    return overlay


def load_catalog_with(docs_dir: Path, root: Path, overlay: Overlay | None) -> Catalog:
    """Load the shipped catalog plus the overlay's tools and papers, all checked together."""
    if overlay is None:
        return load_catalog(docs_dir, root=root)
    catalog = load_catalog(docs_dir, root=root, extra_tool_dirs=overlay.tool_dirs, extra_papers=overlay.settings.papers)
    catalog.support = overlay.settings.support
    return catalog


def visible(catalog: Catalog, overlay: Overlay | None) -> tuple[Catalog, dict[str, Loaded]]:
    """Split off the tools the overlay hides; return (visible catalog, hidden tools by id).

    Related-tool links to hidden tools are dropped from the visible ones.
    """
    if overlay is None or not overlay.settings.hide_tools:
        return catalog, {}
    issues = [
        Issue(overlay.display, overlay.lines.line(("hide_tools", i)), f"hide_tools[{i}]: unknown tool {tool_id!r}")
        for i, tool_id in enumerate(overlay.settings.hide_tools)
        if tool_id not in catalog.tools
    ]
    if issues:
        raise ContentError(issues)
    hidden_ids = set(overlay.settings.hide_tools)
    shown: dict[str, Loaded] = {}
    for tool_id, entry in catalog.tools.items():
        if tool_id in hidden_ids:
            continue
        if hidden_ids & set(entry.tool.related):
            related = [r for r in entry.tool.related if r not in hidden_ids]
            entry = Loaded(entry.tool.model_copy(update={"related": related}), entry.path, entry.src_uri, entry.lines)
        shown[tool_id] = entry
    hidden = {tool_id: catalog.tools[tool_id] for tool_id in sorted(hidden_ids)}
    return dataclasses.replace(catalog, tools=shown), hidden
