"""Generate: everything an engine needs to build the site, made with no engine.

The first of the three steps (generate, build with any engine, finish). Given the project's
folders it returns the generated pages, the authored pages with their markers expanded and
path navigation added, every asset and data file, and the settings the engine's configuration
needs (stylesheets and scripts on every page, glossary abbreviations, the local organisation's
name and logo, which pages stay out of the navigation). The MkDocs adapter hands these to MkDocs
during a build; ``toolkit generate DIR`` writes them out as a source tree any engine can build.

To add generated pages, return them from a function `(...) -> {src_uri: markdown}` and add its
result to `Generated.pages` in :func:`generate`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.browser.bundle import ASSETS, EVERY_PAGE, asset_bytes
from toolkit.content.catalog import Catalog
from toolkit.content.issue import ContentError, Issue
from toolkit.content.model import AUDIENCES
from toolkit.printables import downloads
from toolkit.printables.footer import footer_files
from toolkit.site import embed, links, nav, offline, paths
from toolkit.site.addresses import HOME_URI, LINKS_JSON, LOCAL_CSS, TOOLS_JSON, is_team_page
from toolkit.site.build_state import BuildState
from toolkit.site.exports import tools_json
from toolkit.site.glossary import abbreviations, page_title
from toolkit.site.markdown import save_converted
from toolkit.site.pages import build_pages, card_redirects, data_source, generated_pages

log = logging.getLogger("mkdocs.plugins.toolkit")

#: A file's content: text, bytes, or a file to copy.
Content = str | bytes | Path


@dataclass
class Generated:
    """One build's generated source: pages, files and the configuration they need."""

    state: BuildState
    catalog: Catalog
    #: Every file to add, in order: site src_uri -> content. Pages are the .md entries.
    files: dict[str, Content] = field(default_factory=dict)
    #: Generated pages that stay out of the navigation (tool pages, hidden tools' notices).
    not_in_nav: set[str] = field(default_factory=set)
    #: Generated page -> the YAML file (relative to docs/) it is made from, for edit links.
    edit_uris: dict[str, str] = field(default_factory=dict)
    #: Pages the toolkit generates (not authored), to tell them from other added files.
    pages: set[str] = field(default_factory=set)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)
    abbr: dict[str, str] = field(default_factory=dict)
    site_name: str | None = None
    logo: str | None = None
    copyright_prefix: str = ""
    #: The menu (MkDocs' `nav`), readers' pages first (toolkit.site.nav); the home page is not in it.
    nav: list[Any] = field(default_factory=list)


def start(root: Path, docs_dir: Path) -> BuildState:
    """Begin a build: find and load the local overlay (raises ContentError)."""
    return BuildState.start(root, docs_dir)


def generate(
    state: BuildState,
    authored: dict[str, str],
    *,
    site_url: str = "",
    use_directory_urls: bool = True,
    offline_build: bool = False,
    existing: frozenset[str] | set[str] = frozenset(),
) -> Generated:
    """Load and check all content once; return every generated page and file.

    `authored` maps the site's own Markdown pages (src_uri) to their text; `existing` holds every
    other file already under docs/ (a generated file may not take one's address).
    Raises ContentError with every problem as path:line.
    """
    catalog = state.load_catalog()
    out = Generated(state=state, catalog=catalog)
    out.abbr = abbreviations(catalog.glossary)
    out.extra_css = [u for u in EVERY_PAGE if u.endswith(".css")]
    out.extra_javascript = [u for u in EVERY_PAGE if u.endswith(".js")]
    _overlay_settings(out, state)
    titled = {uri: (page_title(uri, text), text) for uri, text in authored.items()}
    made = _downloads(state.shown, state.root, site_url)
    pages = generated_pages(state.shown, titled, downloads=downloads.links(made.plan, made.files), site_url=site_url)
    pages |= build_pages(state, list(authored) + list(pages))
    taken = set(authored) | set(existing)
    for uri, path in _overlay_files(state).items():
        if uri in taken:
            raise ContentError(
                [Issue(state.display_uri(uri), 1, "a local overlay file has the same address; rename one")]
            )
        out.files[uri] = path
    out.files |= _data_files(state, site_url, use_directory_urls)
    out.files |= made.files
    out.files |= footer_files(state.shown, site_url)
    for uri, text in pages.items():
        if uri in taken:
            raise ContentError(
                [
                    Issue(
                        state.display_uri(uri),
                        1,
                        "this page is generated from the content data (tools in docs/tools/, papers in "
                        "docs/references.yml, terms in docs/glossary.yml); put its content there and remove this file",
                    )
                ]
            )
        source = data_source(uri, catalog)
        # Tool pages stay out of the navigation: the All tools page lists and filters them, and
        # a navigation of every tool, repeated on every page, grows the site with the square of
        # the number of tools (1,000 tools made 364 MB).
        hidden = state.not_in_nav(uri)  # a tool the local overlay hides
        hidden = hidden or is_team_page(uri)  # one tool's team view: listed on team/, like tool pages
        if source is not None or hidden:
            out.not_in_nav.add(uri)
        if source is not None and not hidden:
            out.edit_uris[uri] = source
        out.files[uri] = text
        out.pages.add(uri)
    # The local overlay's own pages (files under local/pages) are in the menu too.
    local = {u: c for u, c in out.files.items() if u.endswith(".md") and isinstance(c, Path) and u not in pages}
    in_menu = [u for u in [*authored, *pages, *local] if u not in out.not_in_nav]

    def text_of(uri: str) -> str:
        if uri in local:
            return local[uri].read_text(encoding="utf-8")
        return authored.get(uri) or pages.get(uri) or ""

    titles = {u: page_title(u, text_of(u)) for u in in_menu if u.endswith("/index.md")}
    out.nav = nav.site_nav(in_menu, titles, role_order=list(AUDIENCES))
    for uri in ASSETS:
        out.files[uri] = asset_bytes(uri)
    if offline_build:
        out.files[offline.SHIM_URI] = offline.SHIM_FILE
    return out


def page_markdown(state: BuildState, catalog: Catalog, src_uri: str, markdown: str, display: str) -> str:
    """An authored page as the engine should read it: markers expanded, path navigation added
    ("step N of M" with previous and next, on a page that is a step of a learning path)."""
    if "toolkit:" in markdown:
        markdown = embed.expand(markdown, catalog, page_uri=src_uri, path=display)
    return paths.add_navigation(
        markdown,
        paths.step_navigation(src_uri, state.paths, state.shown),
        paths.step_navigation(src_uri, state.paths, state.shown, compact=True),
    )


def _overlay_files(state: BuildState) -> dict[str, Path]:
    """Site uri -> file for the overlay's logo and pages."""
    if state.overlay is None:
        return {}
    out = dict(state.overlay.pages())
    logo = state.overlay.logo()
    if logo:
        out[logo[0]] = logo[1]
    return out


def _data_files(state: BuildState, site_url: str, use_directory_urls: bool) -> dict[str, Content]:
    """Generated non-page files known before rendering: tools.json, the local colours, and
    links.json (filled in by the finishing step once every page is rendered)."""
    state.use_directory_urls = use_directory_urls
    registry = state.registry
    if not use_directory_urls:  # moved tools' and cards' redirects were made before the site's URL style was known
        for old in (*links.tool_redirects(state.shown), *card_redirects(state.cards)):
            registry.redirects.pop(old, None)
        registry.redirects.update(links.tool_redirects(state.shown, use_directory_urls))
        registry.redirects.update(card_redirects(state.cards, use_directory_urls))
    out: dict[str, Content] = {
        TOOLS_JSON: tools_json(state.shown, site_url, use_directory_urls, state.local_tools),
        LINKS_JSON: "{}\n",
    }
    css = state.overlay.css() if state.overlay else None
    if css:
        out[LOCAL_CSS] = css
    return out


def _overlay_settings(out: Generated, state: BuildState) -> None:
    """The local organisation's name, logo and colours, for the site configuration."""
    overlay = state.overlay
    if overlay is None:
        return
    out.site_name = overlay.settings.site_name or None
    logo = overlay.logo()
    out.logo = logo[0] if logo else None
    if overlay.css():
        out.extra_css.append(LOCAL_CSS)
    out.copyright_prefix = f"Hosted by {overlay.name}. "


def _downloads(catalog: Catalog, root: Path, site_url: str) -> downloads.Result:
    """Make (or take from the cache) each tool's PDF and Word file and each pack's PDF.

    TOOLKIT_DOWNLOADS=0 (what `make serve` sets) uses only files already in the cache;
    TOOLKIT_CACHE_DIR moves the cache (default: .cache/downloads beside mkdocs.yml).
    """
    plan = downloads.plan(catalog, site_url=site_url)
    cache = downloads.Cache(Path(os.environ.get("TOOLKIT_CACHE_DIR") or root / ".cache" / "downloads"))
    make = os.environ.get("TOOLKIT_DOWNLOADS", "1") != "0"
    result = downloads.build(plan, cache, make=make)
    if result.skipped:
        log.info(
            f"toolkit: {result.skipped} PDF/Word downloads not built (TOOLKIT_DOWNLOADS=0); `make site` builds them"
        )
    log.debug(f"toolkit: downloads: {result.made} made, {result.cached} from {cache.folder}")
    return result


# ------------------------------------------------------------------ a source tree for any engine

#: The generated configuration and the folders `toolkit generate DIR` writes.
CONFIG_FILE = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"
#: Settings `toolkit finish` reads back: where the project is and how it was generated.
STATE_FILE = "toolkit-generated.json"
THEME_DIR = Path(__file__).resolve().parent.parent / "engine" / "theme"


def read_config(config_file: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data, `!ENV [NAME, default]` read from the environment."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


class _ConfigLoader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def authored_pages(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page under docs/: src_uri -> text, in the order engines walk them (a
    folder's files before its subfolders, index first, then by name)."""
    out: dict[str, str] = {}
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames, key=lambda f: (os.path.splitext(f)[0] not in ("index", "README"), f)):
            if name.endswith(".md"):
                path = Path(folder) / name
                out[path.relative_to(docs_dir).as_posix()] = path.read_text(encoding="utf-8-sig")
    return out


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a page into its YAML front matter (as MkDocs reads it) and the rest."""
    match = re.match(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", text, re.S)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def staged(config_file: Path) -> tuple[Generated, dict[str, Any], dict[str, str]]:
    """Generate from a project's configuration, as a build would: (generated, config, authored)."""
    root = config_file.resolve().parent
    config = read_config(config_file)
    docs_dir = root / config.get("docs_dir", "docs")
    state = start(root, docs_dir)
    authored = authored_pages(docs_dir)
    others = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()} - set(authored)
    offline_build = any(
        isinstance(p, dict) and "offline" in p and (p["offline"] or {}).get("enabled", True)
        for p in config.get("plugins") or []
    )
    made = generate(
        state,
        authored,
        site_url=config.get("site_url") or "",
        use_directory_urls=config.get("use_directory_urls", True),
        offline_build=offline_build,
        existing={u for u in others if not state.is_unpublished(u)},
    )
    return made, config, authored


#: Engines whose theme is Material for MkDocs, which the template fixes in overrides/ are for.
MATERIAL_ENGINES = ("mkdocs", "properdocs")


def write_tree(config_file: Path, out: Path, engine: str = "mkdocs") -> int:
    """Write a complete source tree to `out`: docs/ (every page, asset and data file), overrides/
    and a mkdocs.yml with no hooks that MkDocs, ProperDocs or Zensical can build. Returns the
    number of pages. Raises ContentError.

    `engine`: for "zensical" the tree has no overrides/: they fix Material's templates, and
    Zensical's own (which already name the search dialog) break with them.
    """
    made, config, authored = staged(config_file)
    root = config_file.resolve().parent
    state = made.state
    docs_dir = state.docs_dir
    docs = out / DOCS
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for path in sorted(docs_dir.rglob("*")):
        uri = path.relative_to(docs_dir).as_posix()
        if path.is_file() and uri not in authored and not state.is_unpublished(uri):
            _write(docs / uri, path)
    for uri, text in authored.items():
        # The offline page's download box: no zip travels with a generated tree (`make site` publishes it).
        text = offline.expand_marker(text, None, offline.SHIM_URI in made.files)
        _write(docs / uri, page_markdown(state, made.catalog, uri, text, state.display_uri(uri)))
    for uri, content in made.files.items():
        if uri in made.pages:  # as the engine would hand every page to the hooks
            content = page_markdown(state, made.catalog, uri, str(content), state.display_uri(uri))
        _write(docs / uri, content)
    if (out / OVERRIDES).exists():
        shutil.rmtree(out / OVERRIDES)
    overrides = engine in MATERIAL_ENGINES
    if overrides:
        shutil.copytree(THEME_DIR, out / OVERRIDES, ignore=shutil.ignore_patterns("__pycache__"))
    (out / CONFIG_FILE).write_text(
        yaml.safe_dump(engine_config(config, made, overrides), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    (out / STATE_FILE).write_text(
        json.dumps({"config": str(config_file.resolve()), "root": str(root)}, indent=1) + "\n", encoding="utf-8"
    )
    save_converted(prune=True)  # tool text converted here, kept for the next build
    return len(authored) + len(made.pages)


def engine_config(config: dict[str, Any], made: Generated, overrides: bool = True) -> dict[str, Any]:
    """The project's configuration for a generated tree: no hooks; the toolkit's settings written in."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "docs_dir", "site_dir")}
    out["docs_dir"] = DOCS
    theme = dict(out.get("theme") or {})
    if overrides:
        theme["custom_dir"] = OVERRIDES
    if made.logo:
        theme["logo"] = theme["favicon"] = made.logo
    out["theme"] = theme
    if made.site_name:
        out["site_name"] = made.site_name
    if made.copyright_prefix:
        out["copyright"] = made.copyright_prefix + (out.get("copyright") or "")
    out["extra_css"] = list(out.get("extra_css") or []) + [
        u for u in made.extra_css if u not in (out.get("extra_css") or [])
    ]
    out["extra_javascript"] = list(out.get("extra_javascript") or []) + [
        u for u in made.extra_javascript if u not in (out.get("extra_javascript") or [])
    ]
    extensions = []
    for ext in out.get("markdown_extensions") or []:
        name = next(iter(ext)) if isinstance(ext, dict) else ext
        if name == "abbr":
            ext = {"abbr": {"glossary": made.abbr}}
        extensions.append(ext)
    out["markdown_extensions"] = extensions
    if not out.get("nav"):  # mkdocs.yml's own menu, if it has one, wins
        out["nav"] = made.nav
        hidden = sorted(made.not_in_nav | {HOME_URI})
    else:
        hidden = sorted(made.not_in_nav)
    if hidden:
        out["not_in_nav"] = "\n".join(f"/{uri}" for uri in hidden)
    if offline.SHIM_URI in made.files:
        extra = dict(out.get("extra") or {})
        features = list(theme.get("features") or [])
        offline.prepare(extra, features)
        out["extra"], theme["features"] = extra, features
    return out


def _write(target: Path, content: Content) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        shutil.copyfile(content, target)
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
