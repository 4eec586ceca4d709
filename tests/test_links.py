"""Stable deep links: the registry, its baseline, redirects, aliases and the copy-link control."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort, PluginError

from toolkit.content.catalog import load_catalog
from toolkit.engine.mkdocs_adapter import BuildFailed
from toolkit.site import addresses, links
from toolkit.site.links import Redirect, Registry

from .conftest import DOCS, build_site
from .test_build import _cli_build

CATALOG = load_catalog(DOCS)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# ----------------------------------------------------------------------------- units


@pytest.mark.parametrize("src, url", [
    ("index.md", "/"), ("tools/index.md", "/tools/"), ("tools/x.md", "/tools/x/"), ("guides/a/b.md", "/guides/a/b/"),
])
def test_page_url(src, url):
    assert addresses.url_path(src) == url


def test_page_url_without_directory_urls():
    assert addresses.url_path("tools/x.md", use_directory_urls=False) == "/tools/x.html"


def test_alias_goes_just_before_the_element_with_the_new_id():
    html = '<ul><li class="tk-item" id="t--new">A</li></ul>'
    out = links.insert_aliases(html, {"t--old": "t--new"})
    # inside the item, not between list items, where a list allows no span
    assert out == '<ul><li class="tk-item" id="t--new"><span class="tk-anchor-alias" id="t--old" aria-hidden="true"></span>A</li></ul>'
    assert links.insert_aliases(out, {"t--old": "t--new"}) == out, "an existing id is not added twice"
    boxed = links.insert_aliases('<p><input id="t--new" type="text"></p>', {"t--old": "t--new"})
    assert boxed == '<p><span class="tk-anchor-alias" id="t--old" aria-hidden="true"></span><input id="t--new" type="text"></p>'


def test_registry_resolves_directly_by_alias_and_through_redirects():
    reg = Registry()
    reg.add_page("/tools/new/", "New", ["new", "new--a"], {"new--old-a": "new--a"})
    reg.add_page("/tools/other/", "Other", ["other"], {})
    reg.redirects["/tools/old/"] = Redirect("/tools/new/", "old", "new")
    assert reg.resolves("/tools/new/#new--a")
    assert reg.resolves("/tools/new/#new--old-a")
    assert reg.resolves("/tools/old/")
    assert reg.resolves("/tools/old/#old--a"), "a tool's item anchors follow it to its new id"
    assert reg.resolves("/tools/old/#old")
    assert not reg.resolves("/tools/old/#other")
    assert not reg.resolves("/tools/new/#new--b")
    assert not reg.resolves("/tools/gone/")


def test_check_names_the_lock_line_of_each_missing_link():
    reg = Registry()
    reg.add_page("/a/", "A", ["x"], {})
    issues = links.check(reg, [(4, "/a/"), (5, "/a/#x"), (6, "/a/#y"), (7, "/b/")], "docs/links.lock")
    assert [(i.line, i.path) for i in issues] == [(6, "docs/links.lock"), (7, "docs/links.lock")]
    assert "public link /a/#y is gone" in issues[0].message and "moved_from" in issues[0].message
    assert links.check(reg, [(7, "/b/")], "docs/links.lock", skip=["/b/"]) == []


def test_tool_anchors_cover_sections_items_and_parts():
    tool = CATALOG.tool("preparing-to-share").tool
    anchors = [a for a, _ in links.tool_anchors(tool)]
    assert "preparing-to-share--comfortable" in anchors
    assert "preparing-to-share--comfortable-colleagues" in anchors
    assert len(anchors) == len(set(anchors))


# ----------------------------------------------------------------------------- the real site


def test_links_json_and_lock_agree_with_the_site(built_site):
    data = json.loads((built_site / "links.json").read_text())
    reg = Registry()
    for url, page in data["pages"].items():
        reg.add_page(url, page["title"], page["anchors"], page["aliases"])
    lock = links.read_lock(DOCS / links.LOCK_FILE)
    assert lock, "the baseline is committed"
    assert all(reg.resolves(entry) for _, entry in lock)
    for tool_id, entry in CATALOG.tools.items():
        page = data["pages"][f"/tools/{tool_id}/"]
        assert {a for a, _ in links.tool_anchors(entry.tool)} <= set(page["anchors"])
        assert page["title"] == entry.tool.title
    assert list(data) == sorted(data) and "generated" not in json.dumps(data)


def test_links_page_lists_every_tool_item(built_site):
    page = soup(built_site / "links" / "index.html")
    hrefs = {a["href"] for a in page.select(".tk-links-directory-list a[href]")}
    for tool_id, entry in CATALOG.tools.items():
        for anchor, _ in links.tool_anchors(entry.tool):
            assert f"../tools/{tool_id}/#{anchor}" in hrefs
    assert "../" in hrefs, "the home page is listed"


def test_lock_and_path_files_are_not_published(built_site):
    assert not (built_site / "links.lock").exists()
    assert not list((built_site / "paths").glob("*.yml"))


# ----------------------------------------------------------------------------- renaming


def _rename_item(project: Path, old: str, new: str, moved: bool) -> int:
    tool = project / "docs" / CATALOG.tool("sharing-risks").src_uri
    text = tool.read_text()
    extra = f"\n    moved_from: [{old}]" if moved else ""
    text = re.sub(rf"^(\s+- id: ){old}$", rf"\g<1>{new}{extra}", text, count=1, flags=re.M)
    tool.write_text(text)
    lock = (project / "docs" / "links.lock").read_text().splitlines()
    return lock.index(f"/tools/sharing-risks/#sharing-risks--{old}") + 1


def test_renamed_item_without_redirect_fails_the_build(project, tmp_path):
    line = _rename_item(project, "burden", "weight", moved=False)
    with pytest.raises((PluginError, Abort, BuildFailed)):
        build_site(project / "mkdocs.yml", tmp_path / "out")
    result = _cli_build(project, tmp_path / "out2")
    assert result.returncode != 0
    assert f"docs/links.lock:{line}: public link /tools/sharing-risks/#sharing-risks--burden is gone" in result.stderr
    assert "Traceback" not in result.stderr


def test_renamed_item_with_moved_from_passes_and_keeps_the_old_anchor(project, tmp_path):
    _rename_item(project, "burden", "weight", moved=True)
    build_site(project / "mkdocs.yml", tmp_path / "out")
    page = soup(tmp_path / "out" / "tools" / "sharing-risks" / "index.html")
    alias = page.find(id="sharing-risks--burden")
    assert alias is not None and "tk-anchor-alias" in alias["class"]
    assert alias.parent["id"] == "sharing-risks--weight"  # inside the renamed item
    data = json.loads((tmp_path / "out" / "links.json").read_text())
    assert data["pages"]["/tools/sharing-risks/"]["aliases"] == {"sharing-risks--burden": "sharing-risks--weight"}


def test_renamed_tool_with_moved_from_gets_a_redirect_page(project, tmp_path):
    old = project / "docs" / CATALOG.tool("sharing-risks").src_uri
    text = old.read_text()
    old.unlink()
    for f in (project / "docs").rglob("*"):
        if f.suffix in (".yml", ".md") and f.is_file():
            f.write_text(re.sub(r"\bsharing-risks\b(?!--)", "risks-of-sharing", f.read_text()))
    text = text.replace("id: sharing-risks\n", "id: risks-of-sharing\nmoved_from: [sharing-risks]\n", 1)
    old.with_name("risks-of-sharing.yml").write_text(text)
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    redirect = (tmp_path / "out" / "tools" / "sharing-risks" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../risks-of-sharing/">' in redirect
    assert '<a href="../risks-of-sharing/">' in redirect
    assert json.loads((tmp_path / "out" / "links.json").read_text())["redirects"] == {
        "/tools/sharing-risks/": "/tools/risks-of-sharing/"}


def test_renamed_heading_with_moved_anchors_passes(project, tmp_path):
    index = project / "docs" / "index.md"
    text = index.read_text().replace("## Where to start", "## First steps")
    index.write_text(text)
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode != 0 and "public link /#where-to-start is gone" in result.stderr
    index.write_text("---\nmoved_anchors: {where-to-start: first-steps}\n---\n" + text)
    build_site(project / "mkdocs.yml", tmp_path / "out2")
    home = soup(tmp_path / "out2" / "index.html")
    assert home.find(id="where-to-start") is not None and home.find(id="first-steps") is not None


def test_moved_page_gets_a_redirect(project, tmp_path):
    (project / "docs" / "demo").mkdir()
    (project / "docs" / "demo" / "new-name.md").write_text("---\nmoved_from: [demo/old-name.md]\n---\n# Guide\n")
    build_site(project / "mkdocs.yml", tmp_path / "out")
    redirect = (tmp_path / "out" / "demo" / "old-name" / "index.html").read_text()
    assert 'url=../new-name/' in redirect


def test_links_update_rewrites_the_lock(project, tmp_path, monkeypatch):
    from toolkit.cli import main

    _rename_item(project, "burden", "weight", moved=False)
    monkeypatch.chdir(project)
    assert main(["links", "--update"]) == 0
    lock = (project / "docs" / "links.lock").read_text()
    assert "#sharing-risks--weight\n" in lock and "#sharing-risks--burden\n" not in lock
    assert main(["links"]) == 0


# ----------------------------------------------------------------------------- copy link


@pytest.mark.browser
def test_copy_link_buttons_copy_the_address(browser, site_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{site_server}/tools/sharing-risks/")
        item = page.locator("#sharing-risks--burden")
        button = item.locator(":scope > .tk-copy-link")
        assert button.count() == 1
        assert item.get_by_role("button", name="Copy a link to this item").count() == 1
        assert button.get_attribute("title") is None, "no tooltip over the text"
        assert page.get_by_label(page.locator("#sharing-risks--burden label").first.inner_text()).count() == 1
        button.click()
        page.wait_for_selector("#sharing-risks--burden > .tk-copy-link:text('Copied')")
        assert button.get_attribute("aria-live") == "polite"
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{site_server}/tools/sharing-risks/#sharing-risks--burden"
        page.goto(f"{site_server}/")
        assert page.locator("h2#where-to-start + .tk-copy-link").count() == 1
        assert page.locator("h2#where-to-start .tk-copy-link").count() == 0, "the heading keeps its own name"
        page.emulate_media(media="print")
        assert not page.locator("h2#where-to-start + .tk-copy-link").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("offline", [False, True])
def test_renamed_scenario_card_gets_a_redirect_in_the_sites_address_style(project, tmp_path, offline):
    """A card's old address leads to its new one, on the site (old/ -> new/) and in the offline
    build (old.html -> new.html), whose address style is known only once the build starts."""
    from unittest import mock

    card = sorted((project / "docs" / "scenarios").glob("*.yml"))[0]
    old, new = card.stem, "renamed-" + card.stem
    for f in (project / "docs").rglob("*"):
        if f.suffix in (".yml", ".md") and f.is_file():
            f.write_text(re.sub(rf"\b{re.escape(old)}\b", new, f.read_text()))
    text = card.read_text().replace(f"id: {new}\n", f"id: {new}\nmoved_from: [{old}]\n", 1)
    card.unlink()
    card.with_name(f"{new}.yml").write_text(text)
    with mock.patch.dict(os.environ, {"OFFLINE": "true" if offline else "false"}):
        build_site(project / "mkdocs.yml", tmp_path / "out")
    if offline:
        redirect, target = tmp_path / "out" / "scenarios" / f"{old}.html", f"{new}.html"
        assert not (tmp_path / "out" / "scenarios" / old / "index.html").exists()
    else:
        redirect, target = tmp_path / "out" / "scenarios" / old / "index.html", f"../{new}/"
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect.read_text()
