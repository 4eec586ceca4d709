"""The only module that knows MkDocs: hands MkDocs events to the toolkit and back.

State is reset at the start of every build, because MkDocs keeps hook modules loaded
across `mkdocs serve` rebuilds and across builds in one test process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from toolkit.browser.bundle import ASSETS, EVERY_PAGE, asset_bytes, page_assets  # noqa: F401  (asset_bytes: scripts/bench_assets.py)
from toolkit.content.catalog import Catalog
from toolkit.content.issue import ContentError
from toolkit.site import addresses, csp, finish, generate, hostile, hosting, links, offline, search
from toolkit.site.addresses import PACKS_DIR, tool_uri
from toolkit.site.build_state import UPDATE_ENV, BuildState
from toolkit.site.markdown import save_converted
from toolkit.site.pages import data_source

log = logging.getLogger("mkdocs.plugins.toolkit")
#: Fixes to Material's templates (partials/search.html: the search dialog's accessible name).
THEME_DIR = str(Path(__file__).parent / "theme")


class _State:
    catalog: Catalog | None = None
    root: Path = Path(".")
    tool_urls: dict[str, str] = {}
    build: BuildState | None = None
    generated: generate.Generated | None = None
    sources: hostile.Sources | None = None
    command: str = "build"
    generated_nav: list | None = None  # kept across `mkdocs serve` rebuilds: ours to replace
    offline_zip_size: int | None = None  # the offline zip the hosted site offers (make site)


_state = _State()


class _Serve:
    """What one `mkdocs serve --dirty` keeps between its rebuilds (the fast author loop)."""

    dirty: bool = False
    built: bool = False  # a whole build is done: later ones rebuild only what changed
    hashes: dict[str, str] = {}  # generated file -> hash of what was last written


_serve = _Serve()


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: its live-reload script is injected into each page
    unhashed, so served pages get no policy <meta> (a served site sends no policy header either)."""
    _state.command = command
    _serve.dirty = command == "serve" and dirty
    _serve.built = False
    _serve.hashes = {}
    if _serve.dirty:  # expected under `make serve`; strict mode would count it as a problem
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()


def _fail(exc: ContentError) -> PluginError:
    return PluginError("content problems:\n" + str(exc))


def on_config(config: Any) -> Any:
    """Reset per-build state and find the local overlay."""
    _state.catalog = None
    _state.tool_urls = {}
    _state.generated = None
    _state.offline_zip_size = None
    _state.root = Path(config.config_file_path or ".").resolve().parent
    try:
        docs_dir = Path(getattr(config, "docs_dir", None) or _state.root / "docs")
        _state.build = generate.start(_state.root, docs_dir)
    except ContentError as exc:
        raise _fail(exc) from None
    for uri in EVERY_PAGE:  # known before any content is read; the rest come with on_files
        if uri.endswith(".css") and uri not in config.extra_css:
            config.extra_css.append(uri)
        if uri.endswith(".js") and uri not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(uri)
    overlay = _state.build.overlay
    _state.sources = hostile.Sources(_state.root, [docs_dir] + ([overlay.folder] if overlay else []))
    theme = getattr(config, "theme", None)
    if theme is not None and THEME_DIR not in theme.dirs:  # our template overrides win over Material's
        theme.dirs.insert(0, THEME_DIR)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Load and check all content once, hide the YAML, add generated pages and assets."""
    build = _state.build
    assert build is not None
    for file in [f for f in files if build.is_unpublished(f.src_uri)]:
        files.remove(file)
    authored = {f.src_uri: f.content_string for f in files if f.src_uri.endswith(".md") and f.is_documentation_page()}
    try:
        made = generate.generate(
            build,
            authored,
            site_url=config.site_url or "",
            use_directory_urls=config.use_directory_urls,
            offline_build=_offline_build(config),
            existing={f.src_uri for f in files},
        )
    except ContentError as exc:
        raise _fail(exc) from None
    _state.generated = made
    _state.catalog = made.catalog
    _configure(config, made)
    for uri, content in made.files.items():
        if isinstance(content, Path):
            files.append(File.generated(config, uri, abs_src_path=str(content)))
        elif uri in made.pages:
            inclusion = InclusionLevel.NOT_IN_NAV if uri in made.not_in_nav else InclusionLevel.UNDEFINED
            page = File.generated(config, uri, content=content, inclusion=inclusion)
            if uri in made.edit_uris:
                page.edit_uri = made.edit_uris[uri]
            files.append(page)
        else:
            files.append(File.generated(config, uri, content=content))
    _state.tool_urls = {tool_id: files.get_file_from_path(tool_uri(tool_id)).url for tool_id in made.catalog.tools}  # type: ignore[union-attr]
    _set_nav(config, files, made)
    try:
        zip_path = offline.zip_to_publish(_offline_build(config))
    except FileNotFoundError as exc:
        raise PluginError(str(exc)) from None
    if zip_path is not None:
        _state.offline_zip_size = zip_path.stat().st_size
        files.append(File.generated(config, offline.ZIP_URI, abs_src_path=str(zip_path)))
    if _serve.dirty:
        _skip_unchanged(files, made)
    return files


def _set_nav(config: Any, files: Files, made: generate.Generated) -> None:
    """Readers' pages first, then "For organisations" (toolkit.site.nav), unless mkdocs.yml sets `nav:`.
    The home page stays out of the menu: the site title leads to it."""
    if config.nav and config.nav is not _state.generated_nav:
        return
    home = files.get_file_from_path(addresses.HOME_URI)
    if home is not None:
        home.inclusion = InclusionLevel.NOT_IN_NAV
    config.nav = _state.generated_nav = made.nav


def _skip_unchanged(files: Files, made: generate.Generated) -> None:
    """Under `mkdocs serve --dirty`, build again only the generated files whose content changed
    and the pages that embed a changed tool (MkDocs rebuilds edited Markdown files itself): an
    edit to one tool's YAML rebuilds that tool's page, not the site. Navigation and links
    elsewhere may lag until the next full build (`make site`)."""
    changed_tools: set[str] = set()
    for uri, content in made.files.items():
        if isinstance(content, Path):
            continue
        digest = hashlib.sha1(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()
        file = files.get_file_from_path(uri)
        same = _serve.hashes.get(uri) == digest
        # Print packs repeat every tool of an audience: the heaviest pages, left for a restart.
        later = uri.startswith(PACKS_DIR + "/") and _serve.hashes.get(uri) is not None
        if _serve.built and (same or later) and file is not None and os.path.isfile(file.abs_dest_path):
            file.is_modified = lambda: False  # type: ignore[method-assign]
            if later:
                continue  # keep the old hash: rebuilt at the next full build
        elif uri in made.pages and made.edit_uris.get(uri):
            changed_tools.add(Path(uri).stem)
        _serve.hashes[uri] = digest
    if _serve.built and changed_tools:
        marker = re.compile(r"toolkit:tool\s+(" + "|".join(map(re.escape, sorted(changed_tools))) + r")\b")
        for file in files.documentation_pages():
            if file.abs_src_path and marker.search(file.content_string):
                file.is_modified = lambda: True  # type: ignore[method-assign]


def _configure(config: Any, made: generate.Generated) -> None:
    """Put what the generated files need into MkDocs' configuration."""
    for uri in made.extra_css:
        if uri not in config.extra_css:
            config.extra_css.append(uri)
    for uri in made.extra_javascript:
        if uri not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(uri)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = made.abbr
    if made.site_name:
        config.site_name = made.site_name
    if made.logo:
        config.theme["logo"] = made.logo
        config.theme["favicon"] = made.logo
    if made.copyright_prefix:
        config.copyright = made.copyright_prefix + (config.copyright or "")
    if _offline_build(config):
        offline.prepare(config.extra, config.theme["features"])


@event_priority(50)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Expand ``<!-- toolkit:... -->`` markers into tools."""
    if _state.catalog is None:
        return markdown
    uri = page.file.src_uri
    markdown = offline.expand_marker(markdown, _state.offline_zip_size, _offline_build(config))
    try:
        assert _state.build is not None  # set with the catalog, in on_config
        return generate.page_markdown(_state.build, _state.catalog, uri, markdown, _display(config, uri))
    except ContentError as exc:
        raise _fail(exc) from None


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Finish the page's content (toolkit.site.finish.finish_page) with what MkDocs knows of it."""
    file = page.file
    own = [Path(file.abs_src_path)] if file.abs_src_path else []
    source = data_source(file.src_uri, _state.catalog) if _state.catalog is not None else None
    if source is not None:
        own.append(Path(config.docs_dir) / source)
    info = finish.Page(
        src_uri=file.src_uri,
        url="/" + page.url,
        title=page.title or "",
        meta=page.meta,
        toc_ids=list(links.toc_ids(page.toc)),
        display=_display(config, file.src_uri),
        own_sources=own,
    )

    def resolve(uri: str) -> str | None:
        found = files.get_file_from_path(uri)
        return found.url_relative_to(file) if found is not None else None

    build = _state.build if _state.catalog is not None else None
    try:
        return finish.finish_page(html, info, build, _state.sources, resolve)
    except ContentError as exc:
        raise _fail(exc) from None


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Check public links against the baseline; fill the links page, links.json and redirects."""
    build = _state.build
    if build is None or _state.catalog is None:
        return env
    if _serve.dirty and _serve.built:  # only what changed was rendered: nothing to check links against
        return env
    try:
        # docs/links.lock holds the hosted site's addresses; the offline build's are *.html.
        if config.use_directory_urls:
            links.check_links(build, update=os.environ.get(UPDATE_ENV) == "1")
    except ContentError as exc:
        raise _fail(exc) from None
    for file in files.documentation_pages():
        if file.page is not None and file.page.content:
            file.page.content = links.fill_links_page(build, file.src_uri, file.page.content)
    for uri, text in links.late_files(build).items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            existing.content_string = text
        else:
            files.append(File.generated(config, uri, content=text))
    return env


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def on_post_build(config: Any) -> None:
    """Add every tool item, kind-bearing titles and other spellings to the search index; write the
    Content-Security-Policy for the finished site."""
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if _state.catalog is not None and index_file.exists():
        _augment_search_index(index_file)
    # Tool text converted in this build, kept for the next (a whole build drops what it did not use).
    save_converted(prune=not (_serve.dirty and _serve.built))
    if _serve.dirty:  # the fast author loop: `make site` writes the policy
        _serve.built = True
        return
    value, problems = csp.write_policy(Path(config.site_dir))  # inline code the policy cannot allow warns
    for problem in problems:
        log.warning(problem)
    if not _offline_build(config):  # .htaccess and web.config: the header on Apache and IIS
        hosting.write_site_files(Path(config.site_dir), value)
    if _state.command != "serve":  # the policy travels in each page too: the zip, hosts without headers
        csp.add_policy_meta(Path(config.site_dir), value, offline=_offline_build(config))


def _augment_search_index(index_file: Path) -> None:
    index = json.loads(index_file.read_text(encoding="utf-8"))
    shown = _state.build.shown if _state.build is not None else _state.catalog  # without hidden tools
    assert shown is not None  # called only once the catalog is loaded
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
