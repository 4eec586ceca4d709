"""The offline zip: unzipped and opened from file://, navigation, search and the tools work."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path
from unittest import mock

import pytest

from tests.sitecheck import SiteChecker
from toolkit.site import offline

from .browse import search
from .conftest import ROOT, build_site, shared


def _build_offline(work: Path) -> None:
    with mock.patch.dict(os.environ, {"OFFLINE": "true"}):
        build_site(ROOT / "mkdocs.yml", work / "site")
    offline.make_zip(work / "site", work / "toolkit.zip")


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The site built as `make offline` builds it (OFFLINE=true), zipped: once per test run,
    shared by the xdist workers."""
    return shared(tmp_path_factory, "offline", _build_offline) / "toolkit.zip"


@pytest.fixture(scope="session")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    """The zip unpacked as a user would; returns the one folder it makes."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(target)
    assert [p.name for p in target.iterdir()] == [offline.ZIP_FOLDER]
    return target / offline.ZIP_FOLDER


def test_offline_site_uses_the_vendored_shim_and_nothing_off_site(unzipped):
    checker = SiteChecker(unzipped)
    assert (unzipped / offline.SHIM_URI).read_bytes() == offline.SHIM_FILE.read_bytes()
    assert (unzipped / "search" / "search_index.js").read_text().startswith("var __index = ")
    for rel in checker.html_files():
        html = (unzipped / rel).read_text()
        assert "unpkg.com" not in html, rel
        if 'http-equiv="refresh"' in html:  # a moved page's old address: a redirect, no search on it
            continue
        assert "iframe-worker/shim.js" in html, f"{rel} does not load the shim"
        features = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])["features"]
        assert not any(f.startswith("navigation.instant") for f in features), rel
    assert checker.offsite_problems() == []
    assert checker.link_problems() == []
    assert (unzipped / "offline.html").is_file(), "the page on what browsers keep from file:// is missing"


def test_vendored_shim_is_the_npm_iframe_worker():
    text = offline.SHIM_FILE.read_text()
    assert "IFrameWorker" in text and 'location.protocol==="file:"' in text
    assert "MIT" in (offline.SHIM_FILE.parent / "LICENSE").read_text()


def test_prepare_swaps_the_cdn_shim_and_drops_instant_navigation():
    extra = {"polyfills": ["assets/other.js", "https://unpkg.com/iframe-worker/shim"]}
    features = ["navigation.instant", "navigation.instant.progress", "navigation.prune"]
    offline.prepare(extra, features)
    assert extra["polyfills"] == ["assets/other.js", offline.SHIM_URI]
    assert features == ["navigation.prune"]
    offline.prepare(extra, features)  # idempotent
    assert extra["polyfills"] == ["assets/other.js", offline.SHIM_URI]


def test_zip_is_reproducible(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "b.html").write_text("b")
    (site / "index.html").write_text("i")
    one = offline.make_zip(site, tmp_path / "one.zip").read_bytes()
    os.utime(site / "index.html", (1, 1))
    two = offline.make_zip(site, tmp_path / "two.zip").read_bytes()
    assert one == two
    assert zipfile.ZipFile(tmp_path / "one.zip").namelist() == [
        f"{offline.ZIP_FOLDER}/a/b.html", f"{offline.ZIP_FOLDER}/index.html"
    ]


def page_index(site: Path) -> str:
    return (site / "index.html").as_uri()


def test_offline_pages_carry_the_policy_in_a_meta_element(unzipped):
    """Opened from file:// no header can carry the policy: each page holds it itself."""
    from toolkit.site import csp

    expected = csp.meta_policy((unzipped / csp.POLICY_FILE).read_text().strip(), offline=True)
    assert "frame-ancestors" not in expected and "https:" not in expected and "http:" not in expected
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', path.read_text())
        assert [f.replace("&#x27;", "'") for f in found] == [expected], path


@pytest.mark.browser
def test_from_file_url_search_finds_results_and_navigation_works(unzipped, page):
    from .sweep import _LISTEN

    page.add_init_script(script=_LISTEN)
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto((unzipped / "index.html").as_uri())
    assert search(page, "sharing") > 0
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    landed = page.url.split("?")[0].split("#")[0]
    assert landed.startswith(unzipped.as_uri()) and landed.endswith(".html") and landed != page_index(unzipped)
    assert page.locator("h1").count() > 0
    page.goto((unzipped / "index.html").as_uri())
    page.get_by_role("link", name="All tools").first.click()
    assert page.url.endswith("tools/index.html")
    assert page.evaluate("window.__csp || []") == [], "the page's own policy blocked something"
    assert errors == []
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []


@pytest.mark.browser
def test_from_file_url_typed_questions_are_rewritten_too(unzipped, page):
    """The query rewrite (toolkit/browser/finder/search.js, loaded as search opens) wraps the file:// shim's worker as well:
    without it "is it a recovery plan" is searched as is*, it*, a*, and the tool is not found."""
    page.goto((unzipped / "index.html").as_uri())
    box = page.locator(".md-search__input")
    box.click()
    page.wait_for_function("() => typeof window.tkSearchQuery === 'function'")  # loaded as search opens
    box.fill("is it a recovery plan")  # at once: no results of a half-typed query
    box.press("End")  # Material reads the box on key up
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15_000)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    pages = list(dict.fromkeys(h.split("#")[0].split("?")[0] for h in hrefs))
    assert any(p.endswith("tools/personal-recovery-plan-check.html") for p in pages[:5]), pages[:5]


@pytest.mark.browser
def test_from_file_url_a_checklist_ticks(unzipped, page):
    page.goto((unzipped / "tools" / "sharing-risks.html").as_uri())
    box = page.locator(".tk-checklist input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    assert page.locator(".tk-checklist input[type=checkbox]:checked").count() == 1
