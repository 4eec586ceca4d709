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

from toolkit.content.model import AUDIENCES
from toolkit.site import csp, embed, nav, search, site_extras
from toolkit.engine import offline
from toolkit.content.catalog import Catalog, is_data_file
from toolkit.content.issue import ContentError
from toolkit.site.glossary import abbreviations, first_only, page_title
from toolkit.site.pages import data_source, generated_pages
from toolkit.site.render import PAGE_LINK, render_template, tool_uri
from toolkit.printables import downloads
from toolkit.printables.footer import footer_files, footer_uri
from toolkit.browser.bundle import ASSETS, EVERY_PAGE, asset_bytes, page_assets  # noqa: F401  (asset_bytes: scripts/bench_assets.py)

log = logging.getLogger("mkdocs.plugins.toolkit")
#: Fixes to Material's templates (partials/search.html: the search dialog's accessible name).
THEME_DIR = str(Path(__file__).parent / "theme")

class _State:
    catalog: Catalog | None = None
    root: Path = Path(".")
    tool_urls: dict[str, str] = {}
    extras: site_extras.Extras | None = None
    generated_nav: list | None = None  # kept across `mkdocs serve` rebuilds: ours to replace


_state = _State()


def _fail(exc: ContentError) -> PluginError:
    return PluginError("content problems:\n" + str(exc))


def on_config(config: Any) -> Any:
    """Reset per-build state and register the toolkit's stylesheet and scripts."""
    _state.catalog = None
    _state.tool_urls = {}
    _state.root = Path(config.config_file_path or ".").resolve().parent
    try:
        docs_dir = Path(getattr(config, "docs_dir", None) or _state.root / "docs")
        _state.extras = site_extras.Extras.start(_state.root, docs_dir)
    except ContentError as exc:
        raise _fail(exc) from None
    for uri in EVERY_PAGE:  # the rest only on the pages that need them (on_page_content)
        if uri.endswith(".css") and uri not in config.extra_css:
            config.extra_css.append(uri)
        if uri.endswith(".js") and uri not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(uri)
    _apply_overlay(config, _state.extras)
    theme = getattr(config, "theme", None)
    if theme is not None and THEME_DIR not in theme.dirs:  # our template overrides win over Material's
        theme.dirs.insert(0, THEME_DIR)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Load and check all content once, hide the YAML, add generated pages and assets."""
    extras = _state.extras
    assert extras is not None
    try:
        catalog = extras.load_catalog()
        for file in [f for f in files if is_data_file(f.src_uri) or extras.is_data_file(f.src_uri)]:
            files.remove(file)
        abbrs = abbreviations(catalog.glossary)
        config.mdx_configs.setdefault("abbr", {})["glossary"] = abbrs
        authored = {
            f.src_uri: (page_title(f.src_uri, f.content_string), f.content_string)
            for f in files if f.src_uri.endswith(".md") and f.is_documentation_page()
        }
        site_url = config.site_url or ""
        made = _downloads(extras.shown, site_url)
        pages = generated_pages(extras.shown, authored, downloads=downloads.links(made.plan, made.files), site_url=site_url)
        pages |= extras.pages([f.src_uri for f in files.documentation_pages()] + list(pages))
    except ContentError as exc:
        raise _fail(exc) from None
    _state.catalog = catalog
    for uri, path in extras.overlay_files().items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{_display(config, uri)}:1: a local overlay file has the same address; rename one")
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for uri, text in extras.static_files(config.site_url or "", config.use_directory_urls).items():
        files.append(File.generated(config, uri, content=text))
    for uri, data in made.files.items():
        files.append(File.generated(config, uri, content=data))
    for uri, text in footer_files(extras.shown, site_url).items():
        files.append(File.generated(config, uri, content=text))
    for uri, text in pages.items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{_display(config, uri)}:1: this page is generated from the content data (tools in docs/tools/, papers in docs/references.yml, terms in docs/glossary.yml); put its content there and remove this file")
        source = data_source(uri, catalog)
        # Tool pages stay out of the navigation: the All tools page lists and filters them, and
        # a navigation of every tool, repeated on every page, grows the site with the square of
        # the number of tools (1,000 tools made 364 MB).
        hidden = extras.not_in_nav(uri)  # a tool the local overlay hides
        inclusion = InclusionLevel.NOT_IN_NAV if source is not None or hidden else InclusionLevel.UNDEFINED
        page = File.generated(config, uri, content=text, inclusion=inclusion)
        if source is not None and not hidden:
            page.edit_uri = source
        files.append(page)
    _state.tool_urls = {tool_id: files.get_file_from_path(tool_uri(tool_id)).url for tool_id in catalog.tools}
    _set_nav(config, files)
    for uri in ASSETS:
        files.append(File.generated(config, uri, content=asset_bytes(uri)))
    if _offline_build(config):
        offline.prepare(config.extra, config.theme["features"])
        files.append(File.generated(config, offline.SHIM_URI, abs_src_path=str(offline.SHIM_FILE)))
    return files


def _set_nav(config: Any, files: Files) -> None:
    """Readers' pages first, then "For organisations" (toolkit.site.nav), unless mkdocs.yml sets `nav:`.
    The home page stays out of the menu: the site title leads to it."""
    if config.nav and config.nav is not _state.generated_nav:
        return
    pages = [f for f in files.documentation_pages() if f.inclusion.is_in_nav()]
    home = files.get_file_from_path(nav.HOME)
    if home is not None:
        home.inclusion = InclusionLevel.NOT_IN_NAV
    titles = {f.src_uri: page_title(f.src_uri, f.content_string) for f in pages if f.src_uri.endswith("/index.md")}
    config.nav = _state.generated_nav = nav.site_nav([f.src_uri for f in pages], titles, role_order=list(AUDIENCES))


def _downloads(catalog: Catalog, site_url: str) -> downloads.Result:
    """Make (or take from the cache) each tool's PDF and Word file and each pack's PDF.

    TOOLKIT_DOWNLOADS=0 (what `make serve` sets) uses only files already in the cache;
    TOOLKIT_CACHE_DIR moves the cache (default: .cache/downloads beside mkdocs.yml).
    """
    plan = downloads.plan(catalog, site_url=site_url)
    cache = downloads.Cache(Path(os.environ.get("TOOLKIT_CACHE_DIR") or _state.root / ".cache" / "downloads"))
    make = os.environ.get("TOOLKIT_DOWNLOADS", "1") != "0"
    result = downloads.build(plan, cache, make=make)
    if result.skipped:
        log.info(f"toolkit: {result.skipped} PDF/Word downloads not built (TOOLKIT_DOWNLOADS=0); `make site` builds them")
    log.debug(f"toolkit: downloads: {result.made} made, {result.cached} from {cache.folder}")
    return result


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
    """Point links inside tool HTML at the built pages; keep one tooltip per term; keep alias
    anchors for renamed ids and record the page's public anchors."""
    html = first_only(_resolve_page_links(html, page, config, files))
    html = _page_assets(html, page, files)
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


def _page_assets(html: str, page: Any, files: Files) -> str:
    """Put the stylesheets and scripts this page needs beyond every page's at the top of its content."""
    links = [files.get_file_from_path(uri).url_relative_to(page.file) for uri in page_assets(html)]
    footer = files.get_file_from_path(footer_uri(page.file.src_uri))  # tool and pack pages
    if not links and footer is None:
        return html
    return render_template("partials/page-assets.html.j2", stylesheets=[u for u in links if u.endswith(".css")],
                           scripts=[u for u in links if u.endswith(".js")],
                           print_stylesheet=footer.url_relative_to(page.file) if footer else None) + html


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Check public links against the baseline; fill the links page, links.json and redirects."""
    extras = _state.extras
    if extras is None or _state.catalog is None:
        return env
    try:
        # docs/links.lock holds the hosted site's addresses; the offline build's are *.html.
        if config.use_directory_urls:
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
    """Add every tool item, kind-bearing titles and other spellings to the search index; write the
    Content-Security-Policy for the finished site."""
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if _state.catalog is not None and index_file.exists():
        _augment_search_index(index_file)
    _, problems = csp.write_policy(Path(config.site_dir))  # inline code the policy cannot allow warns
    for problem in problems:
        log.warning(problem)


def _augment_search_index(index_file: Path) -> None:
    index = json.loads(index_file.read_text(encoding="utf-8"))
    shown = _state.extras.shown if _state.extras is not None else _state.catalog  # without hidden tools
    index = search.augment(index, shown, _state.tool_urls.__getitem__)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build(config_file: Path, site_dir: Path, strict: bool = True) -> None:
    """Build the site strictly into `site_dir`, as `mkdocs build --strict` would (`strict=False`:
    warnings do not fail it; scripts/bench.py builds synthetic content that way).

    Raises :class:`BuildFailed` with the problems MkDocs reported.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    collected = _Collect()
    logging.getLogger("mkdocs").addHandler(collected)
    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
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


def _offline_build(config: Any) -> bool:
    """Whether Material's offline plugin is on (OFFLINE=true, see `make offline`)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def _display(config: Any, src_uri: str) -> str:
    path = Path(config.docs_dir) / src_uri
    try:
        return os.path.relpath(path, _state.root).replace(os.sep, "/")
    except ValueError:
        return path.as_posix()
