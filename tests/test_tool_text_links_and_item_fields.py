"""Two small engine features: links inside tool text follow the page the tool is shown on,
and checklist `item_fields` give every item its own answer boxes (e.g. owner and date)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.kinds import Checklist
from toolkit.site.relink import relink
from toolkit.site.tools import render_tool

from .conftest import build_site
from .scratch import scratch_docs


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("tools/t.md", "../guides/a/b.md#x"),
        ("guides/a/b.md", "b.md#x"),
        ("guides/a/c.md", "b.md#x"),
        ("index.md", "guides/a/b.md#x"),
    ],
)
def test_relink_follows_the_page(page, expected):
    assert relink('<a href="../guides/a/b.md#x">', "tools/t.md", page) == f'<a href="{expected}">'


def test_relink_leaves_other_links_alone():
    for href in ["https://example.org/x.md", "#here", "/abs.md", "picture.png", "mailto:a@b"]:
        html = f'<a href="{href}">'
        assert relink(html, "tools/t.md", "guides/a/c.md") == html


def _checklist(**extra) -> dict:
    return {
        "id": "plan", "kind": "checklist", "title": "Plan", "summary": "S.", "audiences": ["director"],
        "source": {"paper": "imroc-26", "section": "Strategy"}, "version": 1,
        "items": [{"id": "step", "text": "Do it, see [the guide](../guides/x.md#why)."}], **extra,
    }


def test_item_fields_are_optional_and_unique():
    assert Checklist(**_checklist()).item_fields == []
    fields = [{"id": "owner", "label": "Owner"}, {"id": "due", "label": "Due", "input": "date"}]
    tool = Checklist(**_checklist(item_fields=fields))
    assert [f.input for f in tool.item_fields] == ["line", "date"]
    with pytest.raises(ValidationError, match="duplicate id 'owner'"):
        Checklist(**_checklist(item_fields=[{"id": "owner", "label": "A"}, {"id": "owner", "label": "B"}]))
    with pytest.raises(ValidationError):
        Checklist(**_checklist(item_fields=[{"id": "owner", "label": "A", "input": "number"}]))


def _docs(tmp_path: Path, tool_yaml: str) -> Path:
    references = """\
        papers:
          - id: imroc-26
            short: ImROC Briefing Paper 26
            title: T
            authors: [A]
        """
    return scratch_docs(tmp_path, {"tools/plan.yml": textwrap.dedent(tool_yaml)}, references=references)


TOOL = """\
    id: plan
    kind: checklist
    title: Plan
    summary: S.
    audiences: [director]
    source: {paper: imroc-26, section: Strategy}
    version: 1
    statuses: true
    item_fields:
      - {id: owner, label: Owner}
      - {id: due, label: Due, input: date}
    items:
      - id: step
        text: Do it, see [the guide](../guides/x.md#why).
    """


def test_item_fields_render_a_box_per_item_and_links_follow_the_page(tmp_path):
    catalog = load_catalog(_docs(tmp_path, TOOL))
    entry = catalog.tool("plan")
    own = render_tool(entry, catalog, page_uri="tools/plan.md")
    assert 'name="plan--step-owner"' in own and 'type="date"' in own
    assert 'href="../guides/x.md#why"' in own
    embedded = render_tool(entry, catalog, page_uri="guides/x.md")
    assert 'href="x.md#why"' in embedded


def test_item_field_anchor_clash_is_reported_with_its_line(tmp_path):
    clash = TOOL.replace("    items:\n", "    items:\n      - {id: step-owner, text: Clashes with step's owner box}\n")
    with pytest.raises(ContentError) as err:
        load_catalog(_docs(tmp_path, clash))
    assert "duplicate id 'step-owner'" in str(err.value)
    assert "plan.yml:" in str(err.value)


def test_links_in_tool_text_work_in_a_strict_build(project, tmp_path):
    guide = "# X\n\n## Why { #why }\n\n<!-- toolkit:tool plan -->\n"
    (project / "docs" / "guides" / "x.md").write_text(guide, encoding="utf-8")
    tool = textwrap.dedent(TOOL).replace("imroc-26", "imroc-20")
    (project / "docs" / "tools" / "plan.yml").write_text(tool, encoding="utf-8")
    site = tmp_path / "out"
    build_site(project / "mkdocs.yml", site)
    assert 'href="../../guides/x/#why"' in (site / "tools" / "plan" / "index.html").read_text(encoding="utf-8")
    assert 'href="./#why"' in (site / "guides" / "x" / "index.html").read_text(encoding="utf-8")
