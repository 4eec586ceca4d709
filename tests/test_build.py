"""Whole-site builds: the real site builds strictly, and bad content fails it cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.engine.mkdocs_adapter import BuildFailed
from toolkit.site.addresses import anchor

from .conftest import DOCS, ROOT, build_site

CATALOG = load_catalog(DOCS)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def entry_ids(tool) -> list[str]:
    if tool.kind == "flow":
        return [q.id for q in tool.questions] + [o.id for o in tool.outcomes]
    if tool.kind == "pathway":
        return [s.id for s in tool.stages]
    return [e.id for e in tool.entries()]


@pytest.mark.parametrize("tool_id", sorted(CATALOG.tools))
def test_every_tool_has_a_page_with_every_item(built_site, tool_id):
    tool = CATALOG.tool(tool_id).tool
    page = soup(built_site / "tools" / tool_id / "index.html")
    assert page.find("h1").get_text().replace("¶", "").strip() == tool.title
    ids = {el["id"] for el in page.find_all(id=True)}
    missing = [i for i in entry_ids(tool) if anchor(tool_id, i) not in ids]
    assert not missing
    meta = " ".join(page.select_one(".tk-meta").get_text().split())
    assert CATALOG.papers[tool.source.paper].short in meta and tool.source.section in meta


def test_content_data_is_not_published(built_site):
    assert not list(built_site.rglob("*.yml")) and not list(built_site.rglob("*.yaml"))


def test_generated_text_reaches_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    text = " ".join(f"{d['title']} {d['text']}" for d in index["docs"] if d["location"].startswith("tools/sharing-risks/"))
    for item in CATALOG.tool("sharing-risks").tool.entries():
        words = item.text.split()[:4]
        assert " ".join(words) in text, item.id


def test_index_pages_list_every_tool_and_paper(built_site):
    tools = soup(built_site / "tools" / "index.html")
    hrefs = {a["href"] for a in tools.select("article a[href]")}
    for tool_id in CATALOG.tools:
        assert f"{tool_id}/" in hrefs
    papers = soup(built_site / "papers" / "index.html")
    for paper_id in CATALOG.papers:
        assert papers.find(id=paper_id) is not None


def test_toolkit_stylesheet_is_served(built_site):
    assert (built_site / "assets" / "toolkit" / "toolkit.css").is_file()
    home = (built_site / "index.html").read_text()
    assert "assets/toolkit/toolkit.css" in home
    assert "fonts.googleapis.com" not in home


def test_generated_pages_point_edits_at_their_yaml():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from toolkit.engine import mkdocs_adapter

    cfg = load_config(str(ROOT / "mkdocs.yml"))
    cfg = mkdocs_adapter.on_config(cfg)
    cfg.plugins._current_plugin = "toolkit"  # what MkDocs sets while running an event
    files = mkdocs_adapter.on_files(get_files(cfg), cfg)
    page = files.get_file_from_path("tools/sharing-risks.md")
    assert page is not None and page.edit_uri == CATALOG.tool("sharing-risks").src_uri
    assert files.get_file_from_path("references.yml") is None


def _write(project: Path, rel: str, text: str) -> None:
    (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / rel).write_text(text, encoding="utf-8")


def test_marker_embeds_a_tool_in_any_page(project, tmp_path):
    _write(project, "guides/demo.md", "# Demo\n\nIntro text.\n\n<!-- toolkit:tool sharing-risks level=2 -->\n\nAfter.\n")
    build_site(project / "mkdocs.yml", tmp_path / "out")
    page = soup(tmp_path / "out" / "guides" / "demo" / "index.html")
    assert page.find(id=anchor("sharing-risks", "focus")) is not None
    assert page.find("h2").get_text().replace("¶", "").strip() == CATALOG.tool("sharing-risks").tool.title
    assert page.select_one(".tk-meta a")["href"] == "../../papers/#imroc-20"


@pytest.mark.parametrize("marker, message", [
    ("<!-- toolkit:tool no-such-tool -->", "docs/guides/demo.md:3: toolkit:tool: unknown tool id 'no-such-tool'"),
    ("<!-- toolkit:tol sharing-risks -->", "docs/guides/demo.md:3: unknown marker toolkit:tol"),
    ("<!-- toolkit:tool sharing-risks depth=2 -->", "docs/guides/demo.md:3: toolkit:tool: unknown option 'depth=2'"),
])
def test_bad_marker_fails_the_build(project, tmp_path, marker, message):
    _write(project, "guides/demo.md", f"# Demo\n\n{marker}\n")
    with pytest.raises(BuildFailed):
        build_site(project / "mkdocs.yml", tmp_path / "out")
    result = _cli_build(project, tmp_path / "out2")
    assert result.returncode != 0
    assert message in result.stderr


def test_generated_page_may_not_be_shadowed(project, tmp_path):
    _write(project, "tools/sharing-risks.md", "# Mine\n")
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/tools/sharing-risks.md:1: this page is generated from the content data" in result.stderr


def _cli_build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )


def test_broken_yaml_fails_the_build_with_path_line_and_no_traceback(project, tmp_path):
    tool = project / "docs" / "tools" / "personal-experience" / "sharing-risks.yml"
    text = tool.read_text().replace("version: 1", "version: first", 1)
    tool.write_text(text)
    line = text.splitlines().index("version: first") + 1
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/tools/personal-experience/sharing-risks.yml:{line}: version: Input should be a valid integer" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out" / "index.html").exists(), "nothing is published from a failed build"


def test_state_is_reset_between_builds_in_one_process(project, tmp_path):
    build_site(project / "mkdocs.yml", tmp_path / "a")
    tool = project / "docs" / "tools" / "personal-experience" / "sharing-risks.yml"
    good = tool.read_text()
    tool.write_text(good.replace("kind: checklist", "kind: nonsense"))
    with pytest.raises(BuildFailed):
        build_site(project / "mkdocs.yml", tmp_path / "b")
    tool.write_text(good)
    build_site(project / "mkdocs.yml", tmp_path / "c")
    first = (tmp_path / "a" / "tools" / "sharing-risks" / "index.html").read_text()
    again = (tmp_path / "c" / "tools" / "sharing-risks" / "index.html").read_text()
    assert first == again
    assert first.count('class="tk-item"') == len(CATALOG.tool("sharing-risks").tool.entries())


def test_cite_marker_writes_the_full_reference(project, tmp_path):
    _write(project, "guides/demo.md", "# Demo\n\n<!-- toolkit:cite imroc-20 -->\n")
    build_site(project / "mkdocs.yml", tmp_path / "out")
    block = soup(tmp_path / "out" / "guides" / "demo" / "index.html").select_one(".tk-citation")
    text = block.get_text(" ", strip=True)
    paper = CATALOG.papers["imroc-20"]
    assert paper.title in text and "Rachel Perkins, Julie Repper" in text
    assert block.find("a")["href"] == "../../papers/#imroc-20"


def test_links_in_tool_text_work_on_the_tool_page_and_where_embedded(project, tmp_path):
    tool = project / "docs" / "tools" / "personal-experience" / "sharing-risks.yml"
    tool.write_text(tool.read_text().replace("intro: >-\n", "intro: >-\n  See [the guide](../guides/demo.md#part-two) and [prepare](preparing-to-share.md).\n", 1))
    _write(project, "guides/demo.md", "# Demo\n\n## Part two\n\n<!-- toolkit:tool sharing-risks -->\n")
    build_site(project / "mkdocs.yml", tmp_path / "out")
    own = soup(tmp_path / "out" / "tools" / "sharing-risks" / "index.html").select_one(".tk-intro")
    assert [a["href"] for a in own.find_all("a")] == ["../../guides/demo/#part-two", "../preparing-to-share/"]
    embedded = soup(tmp_path / "out" / "guides" / "demo" / "index.html").select_one(".tk-intro")
    assert [a["href"] for a in embedded.find_all("a")] == ["./#part-two", "../../tools/preparing-to-share/"]


def test_link_in_tool_text_to_a_missing_page_fails_the_build(project, tmp_path):
    tool = project / "docs" / "tools" / "personal-experience" / "sharing-risks.yml"
    tool.write_text(tool.read_text().replace("intro: >-\n", "intro: >-\n  See [gone](../guides/nowhere.md).\n", 1))
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/tools/sharing-risks.md:1: a tool on this page links to '../guides/nowhere.md'" in result.stderr
