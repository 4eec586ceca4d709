"""The browser layer's Python side: template flags, asset registration and the size benchmark."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from calmjs.parse import es5

from toolkit.browser import bundle
from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.engine import mkdocs_adapter
from toolkit.site.tools import render_tool

from .conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "browser"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A scratch docs folder with the browser-test fixture tools."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for path in FIXTURES.glob("*.yml"):
        shutil.copy(path, tmp_path / "docs" / "tools" / path.name)
    return tmp_path / "docs"


def test_template_flags_reach_the_page(docs):
    catalog = load_catalog(docs)
    html = render_tool(catalog.tool("test-bio"), catalog, page_uri="tools/test-bio.md")
    assert 'data-contact-warning="true"' in html
    assert '<section class="tk-team" aria-label="Meet the team" hidden>' in html


def test_template_flags_are_off_by_default(docs):
    path = docs / "tools" / "test-bio.yml"
    text = path.read_text(encoding="utf-8").replace("contact_warning: true\n", "").replace("combined_title: Meet the team\n", "")
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(docs)
    html = render_tool(catalog.tool("test-bio"), catalog, page_uri="tools/test-bio.md")
    # (team view's link, tk-teamview-link, is another thing: the "meet the team" sheet is tk-team)
    assert "data-contact-warning" not in html and not re.search(r"tk-team(?!view)", html)


@pytest.mark.parametrize(
    ("line", "field"),
    [("contact_warning: perhaps", "contact_warning"), ("combined_title: ''", "combined_title")],
)
def test_bad_template_flags_fail_with_path_and_line(docs, line, field):
    path = docs / "tools" / "test-bio.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("contact_warning: true", "contact_warning: true" if field != "contact_warning" else line)
    text = text.replace("combined_title: Meet the team", line if field == "combined_title" else "combined_title: Meet the team")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_catalog(docs)
    lineno = text.splitlines().index(line) + 1
    assert f"docs/tools/test-bio.yml:{lineno}: {field}" in str(exc.value)


def _config(extra_js):
    return SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), extra_css=[], extra_javascript=extra_js)


def test_scripts_are_registered_once():
    config = _config(["assets/toolkit/toolkit.js"])
    mkdocs_adapter.on_config(config)
    mkdocs_adapter.on_config(config)
    scripts = [str(s) for s in config.extra_javascript]
    assert scripts.count("assets/toolkit/toolkit.js") == 1
    assert len(scripts) == len(set(scripts))
    config = _config([])
    mkdocs_adapter.on_config(config)
    assert "assets/toolkit/toolkit.js" in config.extra_javascript


def test_shipped_script_joins_every_concern_core_first():
    shipped = mkdocs_adapter.asset_bytes("assets/toolkit/toolkit.js").decode("utf-8")
    parts = mkdocs_adapter.ASSETS["assets/toolkit/toolkit.js"]
    assert parts[: len(bundle.CORE_PARTS)] == bundle.CORE_PARTS
    assert [p.parent.name for p in bundle.CORE_PARTS] == ["core"] * len(bundle.CORE_PARTS)
    # The core's parts share one function: minified together, first; then each other file.
    core = bundle._minify(bundle.one_scope(bundle.CORE_PARTS), ".js")
    assert shipped.startswith(core) and core.startswith('(function(){"use strict";')
    rest = [bundle.minified(p).decode("utf-8") for p in parts[len(bundle.CORE_PARTS) :]]
    positions = [shipped.index(r) for r in rest]
    assert positions == sorted(positions) and min(positions) >= len(core)
    # Nothing of theirs is global but TK: the core is one statement, though each part parses alone.
    assert len(es5(core).children()) == 1 and "window.TK" in core
    for part in bundle.CORE_PARTS:
        assert es5(part.read_text(encoding="utf-8")).children(), part
    for uri in [u for u in mkdocs_adapter.ASSETS if u.endswith(".js")]:
        shipped = mkdocs_adapter.asset_bytes(uri).decode("utf-8")
        # The Word writer (docx.js) names Office Open XML's namespaces, which are identifiers, never fetched.
        shipped = re.sub(r"http://schemas\.openxmlformats\.org/[\w./-]+", "", shipped)
        assert "innerHTML" not in shipped and "insertAdjacentHTML" not in shipped and "eval(" not in shipped
        assert "http://" not in shipped and "https://" not in shipped and "fetch(" not in shipped


def test_pages_load_only_the_assets_they_need():
    tool = '<div class="tk-tool tk-tool--template" data-kind="template" data-tool="x">'
    assert bundle.page_assets("<p>Just text</p>") == []
    assert bundle.page_assets(tool) == ["assets/toolkit/print.css", "assets/toolkit/template.css", "assets/toolkit/print.js",
                                        "assets/toolkit/template.js"]
    both = tool + tool.replace("template", "reflection") + tool.replace("template", "flow")
    assert "assets/toolkit/fields.js" not in bundle.page_assets(both)  # template.js carries it
    assert "assets/toolkit/fields.js" in bundle.page_assets(tool.replace("template", "reflection"))
    assert "assets/toolkit/flow.js" in bundle.page_assets(both)
    pack = '<div class="tk-pack" data-pack="all">' + both + "</div>"
    assert bundle.page_assets(pack) == ["assets/toolkit/print.css", "assets/toolkit/print.js"]
    assert bundle.page_assets('<form class="tk-finder" data-finder hidden>') == ["assets/toolkit/finder.css", "assets/toolkit/finder.js"]
    assert bundle.page_assets('<figure class="tk-diagram" id="d">') == ["assets/toolkit/diagram.css"]
    assert set(bundle.EVERY_PAGE) <= set(bundle.ASSETS)
    for kind in ("checklist", "reflection", "template", "flow", "pathway"):
        assert kind in bundle.KIND_SCRIPTS


def test_every_page_loads_its_tools_scripts_and_stays_within_the_budget(built_site, tmp_path):
    """Per page (issue 5): the toolkit JavaScript and CSS a page links, gzipped, within 15 KB."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import bench_assets
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    result = bench_assets.measure_assets(built_site)
    assert set(result["files"]) == {u for u in mkdocs_adapter.ASSETS if u.endswith((".js", ".css"))}
    assert result["pages"] > 100
    assert result["within_budget"], f"{result['max_page']}: {result['max_page_gzip_bytes']} bytes gzipped"
    assert result["max_page_gzip_bytes"] < result["total_gzip_bytes"]  # no page loads everything
    linked = bench_assets.page_assets(built_site)
    # The theme's inline scripts, reported beside the budget, are the ones every page carries.
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert bench_assets.inline_scripts() and all(f"<script>{b}</script>" in home for b in bench_assets.inline_scripts())
    assert result["max_page_with_inline_gzip_bytes"] > result["max_page_gzip_bytes"]
    for page, kinds in (("tools/index.html", ["finder.css", "finder.js"]), ("guides/career-pathway/index.html", ["diagram.css"]),
                        ("packs/everything/index.html", ["print.css", "print.js", "footer/packs--everything.css"])):
        assert {f"assets/toolkit/{n}" for n in kinds} | set(bundle.EVERY_PAGE) == set(linked[page]), page
    catalog = load_catalog(ROOT / "docs")
    for tool_id, entry in catalog.tools.items():
        need = {f"assets/toolkit/{n}" for n in bundle.KIND_SCRIPTS[entry.tool.kind]}
        need |= {"assets/toolkit/print.css", "assets/toolkit/print.js", f"assets/toolkit/footer/tools--{tool_id}.css"}
        assert need <= set(linked[f"tools/{tool_id}/index.html"])
    assert bench_assets.measure_assets(built_site, budget=10)["within_budget"] is False
    out = tmp_path / "assets.json"
    assert bench_assets.main(["--site", str(built_site), "--out", str(out)]) == 0
    assert '"max_page_gzip_bytes"' in out.read_text(encoding="utf-8")
