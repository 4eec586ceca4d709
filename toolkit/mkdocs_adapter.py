"""The only module that knows MkDocs: hands MkDocs events to the toolkit and back.

State is reset at the start of every build, because MkDocs keeps hook modules loaded
across `mkdocs serve` rebuilds and across builds in one test process.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import embed, search
from .catalog import Catalog, is_data_file, load_catalog
from .issue import ContentError
from .glossary import abbreviations, first_only, page_title
from .pages import data_source, generated_pages
from .render import PAGE_LINK, tool_uri

log = logging.getLogger("mkdocs.plugins.toolkit")

ASSETS_DIR = Path(__file__).parent / "assets"
#: Site path -> file shipped from toolkit/assets, or a tuple of files joined in order into one.
ASSETS: dict[str, Path | tuple[Path, ...]] = {
    "assets/toolkit/toolkit.css": ASSETS_DIR / "toolkit.css",
}
#: The browser layer: small plain-JavaScript files, one per concern, shipped as one script
#: (fewer requests, and it compresses better: the budget is 15 KB gzipped for all JS and CSS).
#: store.js is the core the tool scripts use; add a new concern's file to this list.
ASSETS["assets/toolkit/toolkit.js"] = tuple(
    ASSETS_DIR / name
    for name in ("store.js", "checklist.js", "fields.js", "flow.js", "template.js", "finder.js")
)


def asset_bytes(uri: str) -> bytes:
    """Return the bytes the site ships at `uri` (one of ASSETS)."""
    source = ASSETS[uri]
    if isinstance(source, tuple):
        return b"\n".join(path.read_bytes() for path in source)
    return source.read_bytes()


class _State:
    catalog: Catalog | None = None
    root: Path = Path(".")
    tool_urls: dict[str, str] = {}


_state = _State()


def _fail(exc: ContentError) -> PluginError:
    return PluginError("content problems:\n" + str(exc))


def on_config(config: Any) -> Any:
    """Reset per-build state and register the toolkit's stylesheet and scripts."""
    _state.catalog = None
    _state.tool_urls = {}
    _state.root = Path(config.config_file_path or ".").resolve().parent
    for uri in ASSETS:
        if uri.endswith(".css") and uri not in config.extra_css:
            config.extra_css.append(uri)
        if uri.endswith(".js") and uri not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(uri)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Load and check all content once, hide the YAML, add generated pages and assets."""
    try:
        catalog = load_catalog(Path(config.docs_dir), root=_state.root)
    except ContentError as exc:
        raise _fail(exc) from None
    _state.catalog = catalog
    for file in [f for f in files if is_data_file(f.src_uri)]:
        files.remove(file)
    abbrs = abbreviations(catalog.glossary)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbrs
    authored = {
        f.src_uri: (page_title(f.src_uri, f.content_string), f.content_string)
        for f in files if f.src_uri.endswith(".md") and f.is_documentation_page()
    }
    for uri, text in generated_pages(catalog, authored).items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{_display(config, uri)}:1: this page is generated from the content data (tools in docs/tools/, papers in docs/references.yml, terms in docs/glossary.yml); put its content there and remove this file")
        source = data_source(uri, catalog)
        # Tool pages stay out of the navigation: the All tools page lists and filters them, and
        # a navigation of every tool, repeated on every page, grows the site with the square of
        # the number of tools (1,000 tools made 364 MB).
        inclusion = InclusionLevel.NOT_IN_NAV if source is not None else InclusionLevel.UNDEFINED
        page = File.generated(config, uri, content=text, inclusion=inclusion)
        if source is not None:
            page.edit_uri = source
        files.append(page)
    _state.tool_urls = {tool_id: files.get_file_from_path(tool_uri(tool_id)).url for tool_id in catalog.tools}
    for uri, path in ASSETS.items():
        if isinstance(path, tuple):
            files.append(File.generated(config, uri, content=asset_bytes(uri)))
        else:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


@event_priority(50)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Expand ``<!-- toolkit:... -->`` markers into tools."""
    if _state.catalog is None or "toolkit:" not in markdown:
        return markdown
    uri = page.file.src_uri
    try:
        return embed.expand(markdown, _state.catalog, page_uri=uri, path=_display(config, uri))
    except ContentError as exc:
        raise _fail(exc) from None


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Point links inside tool HTML at the built pages; keep one tooltip per term."""
    return first_only(_resolve_page_links(html, page, config, files))


def _resolve_page_links(html: str, page: Any, config: Any, files: Files) -> str:
    """MkDocs rewrites and checks Markdown links but not links in raw HTML, which is how tool
    text reaches a page: do both for those, failing the build on a missing page."""
    here = page.file

    def resolve(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here.src_uri), match.group(1)))
        found = files.get_file_from_path(target)
        if found is None:
            raise PluginError(f"{_display(config, here.src_uri)}:1: a tool on this page links to {match.group(1)!r}, which is not a page of the site (links in tool text are written relative to the tool's own page, tools/<id>.md)")
        return f'href="{found.url_relative_to(here)}{match.group(2) or ""}"'

    return PAGE_LINK.sub(resolve, html)


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def on_post_build(config: Any) -> None:
    """Add every tool item, kind-bearing titles and other spellings to the search index."""
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if _state.catalog is None or not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index = search.augment(index, _state.catalog, _state.tool_urls.__getitem__)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build(config_file: Path, site_dir: Path) -> None:
    """Build the site strictly into `site_dir`, as `mkdocs build --strict` would.

    Raises :class:`BuildFailed` with the problems MkDocs reported.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    collected = _Collect()
    logging.getLogger("mkdocs").addHandler(collected)
    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as exc:
        raise BuildFailed(collected.messages or [str(exc)]) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collected)


class BuildFailed(Exception):
    """The site did not build; `messages` says why (content problems as path:line: message)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _display(config: Any, src_uri: str) -> str:
    path = Path(config.docs_dir) / src_uri
    try:
        return os.path.relpath(path, _state.root).replace(os.sep, "/")
    except ValueError:
        return path.as_posix()
