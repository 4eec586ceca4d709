"""Authoring aids behind the `toolkit` command: starter files and checking one file alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from toolkit.content.audiences import AUDIENCES_FILE, load_starts
from toolkit.content.catalog import PAPERS_FILE, Catalog, load_catalog, tool_files
from toolkit.content.issue import ContentError, Issue, display_path
from toolkit.content.load import load_papers, load_tool, read_yaml
from toolkit.content.overlay import SETTINGS_FILE
from toolkit.content.overlay import load as load_overlay
from toolkit.content.schemas import modeline
from toolkit.content.validate import check
from toolkit.site import addresses, paths, scenarios
from toolkit.site.addresses import GLOSSARY_URI, PAPERS_URI, TOOLS_DIR, TOOLS_INDEX_URI, tool_uri
from toolkit.site.templating import render_template


def new_file(kind: str, new_id: str, docs: Path, folder: Path | None = None, force: bool = False) -> Path:
    """Write a starter YAML file that validates as it stands; return its path."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", new_id) or len(new_id) > 64:
        raise ContentError(
            [
                Issue(
                    "<command line>",
                    1,
                    f"id {new_id!r} must be a slug: lower-case letters and digits joined by single hyphens",
                )
            ]
        )
    folder = folder or (docs / {"path": addresses.PATHS_DIR, "scenario": addresses.SCENARIOS_DIR}.get(kind, TOOLS_DIR))
    file = folder / f"{new_id}.yml"
    if file.exists() and not force:
        raise FileExistsError(str(file))
    paper, tool = "imroc-20", None
    try:
        catalog = load_catalog(docs)
        paper = sorted(catalog.papers)[0] if catalog.papers else paper
        tool = sorted(catalog.tools)[0] if catalog.tools else None
    except ContentError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    text = render_template(
        f"new/{kind}.yml.j2",
        modeline=modeline(file, kind),
        id=new_id,
        title=new_id.replace("-", " ").capitalize(),
        paper=paper,
        tool=tool,
    )
    file.write_text(text, encoding="utf-8")
    return file


def scenario_ids(docs: Path, catalog: Catalog, root: Path) -> set[str]:
    """Load and check every scenario card in docs/scenarios; return their ids."""
    files = [(f, display_path(f, root)) for f in scenarios.card_files(docs)]
    return {lc.card.id for lc in scenarios.load_cards(files, set(catalog.papers), set(catalog.tools))}


def known_pages(docs: Path, catalog: Catalog, path_ids: list[str]) -> set[str]:
    """Return every page a learning-path step may point at (written and generated)."""
    pages = {f.relative_to(docs).as_posix() for f in docs.rglob("*.md")}
    pages |= {u for p in path_ids for u in addresses.session_uris(p)}
    pages |= {addresses.scenario_uri(f.stem) for f in scenarios.card_files(docs)} | {addresses.SCENARIOS_INDEX_URI}
    pages |= {addresses.sheet_uri(name) for name in scenarios.SHEETS}
    pages |= {tool_uri(t) for t in catalog.tools} | {
        TOOLS_INDEX_URI,
        PAPERS_URI,
        GLOSSARY_URI,
        addresses.LINKS_URI,
        addresses.PATHS_INDEX_URI,
        addresses.AUDIENCES_INDEX_URI,
    }
    pages |= {addresses.path_uri(p) for p in path_ids} | {addresses.audience_uri(a) for a in paths.AUDIENCES}
    return pages


def validate_paths(docs: Path, catalog: Catalog, root: Path) -> int:
    """Check every learning path in docs/paths against the catalog; return how many there are."""
    files = [(f, display_path(f, root)) for f in paths.path_files(docs)]
    known = known_pages(docs, catalog, [f.stem for f, _ in files])
    return len(paths.load_paths(files, set(catalog.tools), known, scenario_ids(docs, catalog, root)))


def validate_file(file: Path, docs: Path, root: Path) -> str:
    """Check one file on its own (against the rest of the content where it refers to it).

    Returns what kind of file it was; raises ContentError listing every problem.
    """
    display = display_path(file, root)
    if not file.is_file():
        raise ContentError([Issue(display, 1, "no such file")])
    if file.name == SETTINGS_FILE:
        load_overlay(file.parent, root)
        return "local overlay"
    if file.name == PAPERS_FILE:
        load_papers(file, display)
        return "paper registry"
    if file.name == AUDIENCES_FILE:
        load_starts(file, display, {f.stem for f in tool_files(docs)})
        return "start-here tools by role"
    data, _ = read_yaml(file, display)
    catalog = _everything_else(docs, root, file)
    if file.parent.name == addresses.PATHS_DIR or (isinstance(data, dict) and "steps" in data and "kind" not in data):
        known = known_pages(docs, catalog, [f.stem for f in paths.path_files(docs)] + [file.stem])
        paths.load_paths([(file, display)], set(catalog.tools), known, {f.stem for f in scenarios.card_files(docs)})
        return "learning path"
    if file.parent.name == addresses.SCENARIOS_DIR:
        scenarios.load_cards([(file, display)], set(catalog.papers), set(catalog.tools))
        return "scenario card"
    entry = load_tool(file, display, f"{TOOLS_DIR}/{file.name}")
    others = [e for e in catalog.tools.values() if e.tool.id != entry.tool.id]
    issues = [i for i in check([*others, entry], set(catalog.papers)) if i.path == display]
    if issues:
        raise ContentError(issues)
    return f"{entry.tool.kind} tool"


def _everything_else(docs: Path, root: Path, file: Path) -> Catalog:
    """Load what one file may refer to: the papers and every other tool that loads cleanly."""
    papers = {}
    try:
        registry, _ = load_papers(docs / PAPERS_FILE, display_path(docs / PAPERS_FILE, root))
        papers = {p.id: p for p in registry.papers}
    except (ContentError, FileNotFoundError):
        pass
    tools: dict[str, Any] = {}
    for other in tool_files(docs):
        if other.resolve() == file.resolve():
            continue
        try:
            entry = load_tool(other, display_path(other, root), other.relative_to(docs).as_posix())
            tools.setdefault(entry.tool.id, entry)
        except ContentError:
            pass
    return Catalog(papers=papers, tools=tools)


def validate_overlay(docs: Path, root: Path) -> str | None:
    """Check the local overlay beside docs/, if there is one, with everything it touches."""
    from toolkit.content import overlay as overlays

    folder = overlays.find(root)
    if folder is None:
        return None
    loaded = overlays.load(folder, root)
    catalog = overlays.load_catalog_with(docs, root, loaded)
    overlays.visible(catalog, loaded)
    files = [(f, display_path(f, root)) for d in (docs, folder) for f in paths.path_files(d)]
    known = known_pages(docs, catalog, [f.stem for f, _ in files]) | set(loaded.pages()) | {addresses.LOCAL_INDEX_URI}
    paths.load_paths(files, set(catalog.tools), known, scenario_ids(docs, catalog, root))
    hidden = len(loaded.settings.hide_tools)
    return f"local overlay {display_path(folder, root)}: {len(catalog.tools)} tools in all, {hidden} hidden"
