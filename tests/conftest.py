"""Shared fixtures: the project paths, a scratch content folder, and one strict build per session."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
#: Test builds make no PDF or Word downloads (WeasyPrint is slow) and find none in a cache, so a
#: build is the same on a fresh clone as here; tests/test_printables.py makes and checks each one.
os.environ["TOOLKIT_DOWNLOADS"] = "0"
os.environ["TOOLKIT_CACHE_DIR"] = str(ROOT / ".cache" / "no-downloads-in-test-builds")
#: Test builds keep converted tool text apart from the project's (a build of a small test project
#: would otherwise drop the real site's entries as unused).
os.environ["TOOLKIT_MARKDOWN_CACHE"] = str(ROOT / ".cache" / "markdown-tests")


#: Fixtures that drive Chromium, and fixtures that build a site: a test using one is in the
#: browser or the build tier (`make test-unit`, `make test-build`, `make test-browser`).
BROWSER_FIXTURES_USED = {"browser", "page", "print_page"}
BUILD_FIXTURES_USED = {
    "built_site", "project", "scratch_site", "site_server", "searchable_site_server", "hook_site",
    "instant_site", "local_site", "offering_site", "offline_site", "offline_zip", "unzipped",
    "samples_server", "server_dir", "zensical_site", "vnu_run", "vnu_errors", "packages", "kit_files",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier, and start the longest tests first, the sweep of every page
    in the browser (tests/sweep.py): xdist then fills both workers with the short ones around
    them, instead of one worker sweeping alone at the end of the run."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES_USED and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") is None and used & BUILD_FIXTURES_USED:
            item.add_marker(pytest.mark.build)
    items.sort(key=lambda item: item.get_closest_marker("sweep") is None)


def build_site(config_file: Path, site_dir: Path) -> None:
    """Build a site in-process, strictly (raises toolkit.engine.mkdocs_adapter.BuildFailed)."""
    from toolkit.engine.mkdocs_adapter import build

    build(config_file, site_dir)


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    """A folder made once per test run for every xdist worker: the first worker to ask calls
    `make(folder)` under a lock; the others wait for it and reuse the result (the pytest-xdist
    pattern for session data). Tests treat what it holds as read-only."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:  # one process: nothing to share
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent  # shared by the workers of this run
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():  # not made yet, or a worker failed to make it: make it here
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with --strict (one build shared by every xdist
    worker); returns site_dir."""
    return shared(tmp_path_factory, "site", lambda folder: build_site(ROOT / "mkdocs.yml", folder))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small scratch project (tests/mini.py: the real mkdocs.yml and hooks, one area of the
    real content) to break and build; tests of the real content use `built_site`."""
    from .mini import mini_project

    return mini_project(tmp_path)


BROWSER_FIXTURES = Path(__file__).parent / "fixtures" / "browser"


@pytest.fixture(scope="session")
def scratch_site(tmp_path_factory: pytest.TempPathFactory):
    """Base URL of the small project plus the browser fixture tools (test-list, test-flow,
    test-bio), built once per session and served; shared by the browser-layer tests."""
    from .mini import mini_project

    root = mini_project(tmp_path_factory.mktemp("scratch"), sorted(BROWSER_FIXTURES.glob("*.yml")))
    build_site(root / "mkdocs.yml", root / "site")
    with serve(root / "site") as url:
        yield url


@contextlib.contextmanager
def serve(directory: Path, unsearched: bool = False):
    """Serve a folder on a free localhost port; yield the base URL. `unsearched`: serve its search
    index without documents (see _QuietHandler), for tests that do not search."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.empty_search_index = unsearched_index(directory) if unsearched else None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def searchable_site_server(built_site: Path):
    """Serve the built site on a free localhost port, search index and all; yields the base URL."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """Serve the built site with an empty search index; tests that search use
    searchable_site_server."""
    with serve(built_site, unsearched=True) as url:
        yield url


SEARCH_INDEX = "search/search_index.json"


def unsearched_index(site: Path) -> bytes:
    """The site's search index with its settings and no documents. Material's search worker
    indexes the whole site's text (1.3 MB) on every page load, about a second of CPU taken from
    the other test worker; with this, each page still starts the worker and fetches the index."""
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    return json.dumps({**index, "docs": []}).encode()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging; serves the server's `empty_search_index`, when it has one,
    as the search index (not cached: a later search on the same server gets the real one)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        empty = getattr(self.server, "empty_search_index", None)
        if empty is not None and self.path.split("?")[0].endswith(SEARCH_INDEX):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(empty)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(empty)
        else:
            super().do_GET()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` as root or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def policy_proof(page):
    """Make a page's test helpers work under the page's own Content-Security-Policy <meta>.

    Built pages refuse eval and inline scripts, and so refuse Playwright's `wait_for_function`
    (it evaluates its predicate in the page) and `add_script_tag`. Here the first polls with
    `page.evaluate`, which the DevTools protocol runs outside the page's policy, and the second
    evaluates the script's content the same way. The policy itself is left on: tests see the
    pages as users do, and a violation still shows."""
    import time

    def wait_for_function(expression, *, arg=None, timeout=None, polling=None):
        deadline = time.monotonic() + (timeout if timeout is not None else 30_000) / 1000
        while True:
            value = page.evaluate(expression, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"wait_for_function: {expression!r} stayed false")
            page.wait_for_timeout(polling if isinstance(polling, (int, float)) else 50)

    def add_script_tag(*, content=None, **kwargs):
        if content is None:
            raise NotImplementedError("add_script_tag: only content= works under the pages' policy")
        page.evaluate(content)

    page.wait_for_function = wait_for_function
    page.add_script_tag = add_script_tag
    return page


@pytest.fixture
def page(browser):
    """A fresh browser page (own context: no shared storage between tests)."""
    context = browser.new_context()
    page = policy_proof(context.new_page())
    yield page
    context.close()
