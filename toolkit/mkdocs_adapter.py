"""The only module that knows MkDocs: hands MkDocs events to the toolkit and back.

State is reset at the start of every build, because MkDocs keeps hook modules loaded
across `mkdocs serve` rebuilds and across builds in one test process.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import embed, site_extras
from .catalog import Catalog, is_data_file
from .issue import ContentError
from .pages import data_source, generated_pages

log = logging.getLogger("mkdocs.plugins.toolkit")

ASSETS_DIR = Path(__file__).parent / "assets"
#: Site path -> file shipped in toolkit/assets.
ASSETS = {
    "assets/toolkit/toolkit.css": ASSETS_DIR / "toolkit.css",
    "assets/toolkit/links.css": ASSETS_DIR / "links.css",
    "assets/toolkit/links.js": ASSETS_DIR / "links.js",
}


class _State:
    catalog: Catalog | None = None
    root: Path = Path(".")
    extras: site_extras.Extras | None = None


_state = _State()


def _fail(exc: ContentError) -> PluginError:
    return PluginError("content problems:\n" + str(exc))


def on_config(config: Any) -> Any:
    """Reset per-build state and register the toolkit's stylesheet and scripts."""
    _state.catalog = None
    _state.root = Path(config.config_file_path or ".").resolve().parent
    try:
        _state.extras = site_extras.Extras.start(_state.root, Path(config.docs_dir))
    except ContentError as exc:
        raise _fail(exc) from None
    for uri in ASSETS:
        if uri.endswith(".css") and uri not in config.extra_css:
            config.extra_css.append(uri)
        if uri.endswith(".js") and uri not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(uri)
    _apply_overlay(config, _state.extras)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Load and check all content once, hide the YAML, add generated pages and assets."""
    extras = _state.extras
    assert extras is not None
    try:
        catalog = extras.load_catalog()
        for file in [f for f in files if is_data_file(f.src_uri) or extras.is_data_file(f.src_uri)]:
            files.remove(file)
        pages = generated_pages(extras.shown) | extras.pages([f.src_uri for f in files.documentation_pages()])
    except ContentError as exc:
        raise _fail(exc) from None
    _state.catalog = catalog
    for uri, path in extras.overlay_files().items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{_display(config, uri)}:1: a local overlay file has the same address; rename one")
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for uri, text in extras.static_files(config.site_url or "", config.use_directory_urls).items():
        files.append(File.generated(config, uri, content=text))
    for uri, text in pages.items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{_display(config, uri)}:1: this page is generated from the tool data; remove the file or rename it")
        inclusion = InclusionLevel.NOT_IN_NAV if extras.not_in_nav(uri) else InclusionLevel.UNDEFINED
        page = File.generated(config, uri, content=text, inclusion=inclusion)
        source = data_source(uri, catalog)
        if source is not None:
            page.edit_uri = source
        files.append(page)
    for uri, path in ASSETS.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


@event_priority(50)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Expand ``<!-- toolkit:... -->`` markers into tools."""
    if _state.catalog is None:
        return markdown
    uri = page.file.src_uri
    try:
        if "toolkit:" in markdown:
            markdown = embed.expand(markdown, _state.catalog, page_uri=uri, path=_display(config, uri))
    except ContentError as exc:
        raise _fail(exc) from None
    return _state.extras.navigation(markdown, uri) if _state.extras else markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Keep alias anchors for renamed ids and record the page's public anchors."""
    if _state.extras is None or _state.catalog is None:
        return html
    try:
        return _state.extras.record_page(
            html, src_uri=page.file.src_uri, url="/" + page.url, title=page.title or "",
            meta=page.meta, toc_ids=list(site_extras.toc_ids(page.toc)),
            use_directory_urls=config.use_directory_urls, display=_display(config, page.file.src_uri),
        )
    except ContentError as exc:
        raise _fail(exc) from None


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Check public links against the baseline; fill the links page, links.json and redirects."""
    extras = _state.extras
    if extras is None or _state.catalog is None:
        return env
    try:
        extras.check_links(update=os.environ.get(site_extras.UPDATE_ENV) == "1")
    except ContentError as exc:
        raise _fail(exc) from None
    for file in files.documentation_pages():
        if file.page is not None and file.page.content:
            file.page.content = extras.finish_page(file.src_uri, file.page.content)
    for uri, text in extras.late_files().items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            existing.content_string = text
        else:
            files.append(File.generated(config, uri, content=text))
    return env


def _apply_overlay(config: Any, extras: site_extras.Extras) -> None:
    """Put the local organisation's name, logo and colours into the site configuration."""
    overlay = extras.overlay
    if overlay is None:
        return
    if overlay.settings.site_name:
        config.site_name = overlay.settings.site_name
    logo = overlay.logo()
    if logo:
        config.theme["logo"] = logo[0]
        config.theme["favicon"] = logo[0]
    if overlay.css():
        config.extra_css.append(site_extras.LOCAL_CSS)
    config.copyright = f"Hosted by {overlay.name}. " + (config.copyright or "")


def _display(config: Any, src_uri: str) -> str:
    path = Path(config.docs_dir) / src_uri
    try:
        return os.path.relpath(path, _state.root).replace(os.sep, "/")
    except ValueError:
        return path.as_posix()
