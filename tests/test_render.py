"""Rendering: snapshots of each kind's page text, and the HTML it becomes.

Snapshots live in tests/snapshots/; after an intended change, regenerate them with
`UPDATE_SNAPSHOTS=1 make test` and review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.site.addresses import anchor, tool_uri
from toolkit.site.markdown import md_block, md_inline
from toolkit.site.tools import render_tool

from .conftest import ROOT

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "docs"
SNAPSHOTS = HERE / "snapshots"
KINDS = ["sample-checklist", "sample-reflection", "sample-flow", "sample-template", "sample-pathway"]


@lru_cache(maxsize=1)
def catalog():
    return load_catalog(FIXTURES)


def to_html(text: str) -> BeautifulSoup:
    """Convert page text with the same Markdown extensions the site uses."""
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=cfg.markdown_extensions, extension_configs=cfg.mdx_configs)
    return BeautifulSoup(md.convert(text), "html.parser")


def rendered(tool_id: str) -> str:
    return render_tool(catalog().tool(tool_id), catalog(), page_uri=tool_uri(tool_id))


@pytest.mark.parametrize("tool_id", KINDS)
def test_snapshot(tool_id):
    text = rendered(tool_id)
    snap = SNAPSHOTS / f"{tool_id}.md"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snap.write_text(text, encoding="utf-8")
    # A missing snapshot fails: a new one is written only on purpose, with UPDATE_SNAPSHOTS=1.
    assert snap.exists(), f"no snapshot {snap.name} (UPDATE_SNAPSHOTS=1 writes it)"
    expected = snap.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "snapshot", "rendered"))
    assert not diff, f"rendering changed (UPDATE_SNAPSHOTS=1 to accept):\n{diff}"


@pytest.mark.parametrize("tool_id", KINDS)
def test_every_entry_has_its_stable_anchor_and_source(tool_id):
    soup = to_html(rendered(tool_id))
    tool = catalog().tool(tool_id).tool
    ids = {el["id"] for el in soup.find_all(id=True)}
    if tool.kind == "flow":
        expected = [q.id for q in tool.questions] + [o.id for o in tool.outcomes]
    elif tool.kind == "pathway":
        expected = [s.id for s in tool.stages]
    else:
        expected = [e.id for e in tool.entries()]
    for part in expected:
        assert anchor(tool_id, part) in ids
    source = soup.select_one(".tk-meta a[href]")
    assert source["href"] == "../papers.md#sample-paper"
    assert tool.source.section in soup.select_one(".tk-meta").get_text()
    assert not soup.find("script"), "tools must read without JavaScript"


@pytest.mark.parametrize("tool_id", KINDS)
def test_every_control_has_an_accessible_name(tool_id):
    soup = to_html(rendered(tool_id))
    for control in soup.find_all(["input", "textarea", "select"]):
        label = soup.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), control["id"]


def test_checklist_statuses_are_one_real_radio_group_per_item_in_sections():
    soup = to_html(rendered("sample-checklist"))
    assert soup.select("input[type=checkbox]") == []  # one control per item: the status
    for i in ("alpha", "beta", "gamma"):
        group = soup.select_one(f"#{anchor('sample-checklist', i)} fieldset.tk-status-group")
        assert group.legend.get_text(strip=True)  # the group is named by its item
        radios = group.select("input[type=radio]")
        assert {r["name"] for r in radios} == {anchor("sample-checklist", i)}
        assert [r["value"] for r in radios] == ["not-started", "in-progress", "done", "na"]
    assert [h.get_text().replace("¶", "").strip() for h in soup.find_all("h2")] == ["First things", "Second things", "Related tools", "About this tool"]
    assert soup.select_one("ul.tk-checklist")["data-statuses"] == "not-started in-progress done na"
    assert soup.select_one("ul.tk-checklist")["data-done"] == "done"
    assert soup.select_one("#sample-checklist--alpha .tk-hint strong").get_text() == "bold"
    # ampersands in author text are escaped, not passed through as HTML
    assert "Do the first thing &amp; check it." in str(soup)


def test_reflection_parts_get_their_own_boxes_and_notice():
    soup = to_html(rendered("sample-reflection"))
    assert soup.select_one(".tk-notice").get_text(" ", strip=True).endswith("This table was reconstructed.")
    names = [t["name"] for t in soup.find_all("textarea")]
    assert names == ["sample-reflection--why", "sample-reflection--who-colleagues", "sample-reflection--who-people"]


def test_flow_prints_as_a_numbered_tree_with_working_links():
    soup = to_html(rendered("sample-flow"))
    questions = soup.select("li.tk-flow-question")
    assert [(q["data-node"], q["value"]) for q in questions] == [("ready", "1"), ("helpful", "2")]
    answers = questions[0].select("li[data-answer]")
    assert answers[0].get_text(" ", strip=True) == "If Yes , go to question 2 ."
    ids = {el["id"] for el in soup.find_all(id=True)}
    for link in soup.select(".tk-flow a[href^='#']"):
        assert link["href"][1:] in ids
    assert "the outcome is" in questions[1].get_text()


def test_pathway_routes_link_to_stages():
    soup = to_html(rendered("sample-pathway"))
    route = soup.select_one("li[data-to=worker] a")
    assert route["href"] == "#sample-pathway--worker"
    assert route.get_text() == "Peer support worker"


def test_embedded_tool_links_relative_to_its_page():
    text = render_tool(catalog().tool("sample-checklist"), catalog(), page_uri="guides/x/page.md", level=2)
    assert text.startswith("## Sample checklist")
    assert "(../../papers.md#sample-paper)" in text
    assert "[Open this tool on its own page](../../tools/sample-checklist.md)" in text
    assert "### First things" in text


def test_inline_markdown_is_escaped_and_unwrapped():
    assert str(md_inline("A <b>bold</b> & *nice* move")) in (
        "A <b>bold</b> &amp; <em>nice</em> move",
    )
    assert str(md_inline(None)) == ""


def test_glossary_pairs_hash_once_and_still_key_the_conversion_cache():
    from toolkit.site.glossary import Abbreviations

    pairs = (("PSW", "Peer support worker"), ("ImROC", "Implementing Recovery"))
    made = Abbreviations(pairs)
    assert made == pairs and hash(made) == hash(pairs) == hash(made)
    # Two equal glossaries convert text the same way, from the cache or not.
    assert md_block("A PSW.", made) == md_block("A PSW.", Abbreviations(pairs))
    assert '<abbr title="Peer support worker">PSW</abbr>' in md_block("A PSW.", made)
    assert catalog().abbreviations is catalog().abbreviations


def _head(text: str) -> str:
    """Page text up to the end of the tool's head (<div class="tk-head">, its <div>s balanced)."""
    start = text.index('<div class="tk-head"')
    depth, end = 0, start
    for match in re.finditer(r"<div\b|</div>", text[start:]):
        depth += 1 if match.group() == "<div" else -1
        if depth == 0:
            end = start + match.end()
            break
    return text[:end] + "\n"


HEAD_CASES = {
    # The page head of issue 25: summary, provenance line, "Print and save", intro one tap away.
    "head-rebuilt-reflection": ("sample-reflection", {"provenance": "rebuilt", "personal": True}),
    "head-toolkit-flow": ("sample-flow", {"provenance": "toolkit"}),
    "head-checklist": ("sample-checklist", {}),
}


@pytest.mark.parametrize("name", HEAD_CASES)
def test_snapshot_of_the_page_head(name):
    from toolkit.content.load import Loaded

    tool_id, update = HEAD_CASES[name]
    entry = catalog().tool(tool_id)
    entry = Loaded(entry.tool.model_copy(update=update), entry.path, entry.src_uri, entry.lines)
    downloads = [("Download PDF", "downloads/x.pdf"), ("Download Word file", "downloads/x.docx")]
    text = render_tool(entry, catalog(), page_uri=tool_uri(tool_id), downloads=downloads)
    head = _head(text)
    snap = SNAPSHOTS / f"{name}.md"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snap.write_text(head, encoding="utf-8")
    assert snap.exists(), f"no snapshot {snap.name} (UPDATE_SNAPSHOTS=1 writes it)"
    diff = "".join(difflib.unified_diff(snap.read_text(encoding="utf-8").splitlines(True), head.splitlines(True)))
    assert not diff, f"the page head changed (UPDATE_SNAPSHOTS=1 to accept):\n{diff}"
    soup = to_html(text)
    assert soup.select_one(".tk-head details.tk-print-save > summary").get_text() == "Print and save"
    if update.get("provenance"):
        assert soup.select_one(".tk-provenance a")["href"] == f"#{tool_id}--about-this-tool"
    assert (soup.select_one(".tk-support") is not None) == bool(update.get("personal"))


def test_a_list_fields_example_keeps_one_entry_a_line():
    """A field answered one entry a line (document: list) may give its example the same way: the
    page shows each entry on its own line, not run together."""
    real = load_catalog(ROOT / "docs")
    tool_id = "peer-learning-and-education-plan"
    html = render_tool(real.tool(tool_id), real, page_uri=tool_uri(tool_id))
    example = to_html(html).select_one(f"#{anchor(tool_id, 'done')} .tk-example")
    assert example is not None
    for br in example.find_all("br"):
        br.replace_with("|")
    lines = [" ".join(s.split()) for s in example.get_text().split("|")]
    assert lines == ["Example: Recovery College courses as a student (three courses)",
                     "Peer support training with a placement", "Member of a service improvement group for a year"], lines
