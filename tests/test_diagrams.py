"""Diagrams drawn at build time: loading with path:line messages, layout, SVG and text alternative."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.site import embed
from toolkit.content.catalog import is_data_file, load_catalog
from toolkit.site.diagrams import COL_WIDTH, describe, layout, render_diagram, wrap
from toolkit.content.issue import ContentError

from .scratch import scratch_docs


GOOD = """\
id: d
title: A small pathway
figure: Figure 1
source: {paper: sample-paper, section: Intro, locator: Figure 1}
summary: Two stages lead to a third, with learning all the way through.
notice: Rebuilt from the text.
categories:
  - {id: early, label: Early stages, style: grey}
  - {id: later, label: Later stages, style: dark-blue}
columns:
  - id: first
    title: First column
    nodes:
      - {id: a, label: Stage A, category: early, detail: Where most people start}
      - {id: b, label: Stage B with a rather long label that has to wrap onto several lines, category: early}
  - id: second
    title: Second column
    nodes:
      - {id: c, label: Stage C, category: later}
      - {id: e, label: Stage E}
edges:
  - {from: a, to: c, label: the usual way}
  - {from: b, to: c, dashed: true}
  - {from: c, to: e}
bands:
  - label: Learning all the way through
"""


def edit(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def make_docs(tmp_path: Path, text: str, name: str = "d.yml") -> Path:
    return scratch_docs(tmp_path, {f"diagrams/area/{name}": text})


def catalog_for(tmp_path: Path, text: str = GOOD):
    docs = make_docs(tmp_path, text)
    return load_catalog(docs, root=docs.parent)


# (case id, diagram file text, expected line, expected text in the message)
CASES = [
    ("missing-title", edit(GOOD, "title: A small pathway\n", ""), 1, "title: required field is missing"),
    ("unknown-field", edit(GOOD, "figure: Figure 1\n", "figure: Figure 1\ncolour: red\n"), 4, "colour: unknown field"),
    ("unknown-style", edit(GOOD, "style: grey", "style: tartan"), 8, "categories[0].style: Input should be"),
    ("no-columns", GOOD[: GOOD.index("columns:")] + "columns: []\n", 10, "columns: List should have at least 1 item"),
    ("bad-node-id", edit(GOOD, "{id: a, label: Stage A", "{id: Stage A, label: Stage A"), 14, "columns[0].nodes[0].id: must be a slug"),
    ("duplicate-node", edit(GOOD, "{id: e, label: Stage E}", "{id: a, label: Stage E}"), 20, "columns[1].nodes[1].id: duplicate id 'a' in this diagram"),
    ("unknown-category", edit(GOOD, "category: later", "category: middle"), 19, "columns[1].nodes[0].category: unknown category 'middle'"),
    ("edge-to-nowhere", edit(GOOD, "{from: c, to: e}", "{from: c, to: z}"), 24, "edges[2].to: 'z' is not a box of this diagram"),
    ("edge-from-nowhere", edit(GOOD, "{from: c, to: e}", "{from: y, to: e}"), 24, "edges[2].from: 'y' is not a box of this diagram"),
    ("edge-missing-from", edit(GOOD, "{from: c, to: e}", "{to: e}"), 24, "edges[2].from: required field is missing"),
    ("edge-to-itself", edit(GOOD, "{from: c, to: e}", "{from: c, to: c}"), 24, "edges[2].to: an arrow cannot lead back to its own box"),
    ("band-unknown-column", edit(GOOD, "  - label: Learning all the way through", "  - label: Learning\n    start: third"), 27, "bands[0].start: 'third' is not a column of this diagram"),
    ("unknown-paper", edit(GOOD, "paper: sample-paper", "paper: nope"), 4, "source.paper: unknown paper 'nope'"),
    ("id-not-file-name", edit(GOOD, "id: d\n", "id: other\n"), 1, "id: 'other' must match the file name ('d')"),
    ("yaml-syntax", GOOD + "  - label: [unclosed\n", 28, "YAML syntax error"),
]


@pytest.mark.parametrize("case, text, line, message", CASES, ids=[c[0] for c in CASES])
def test_bad_diagram_names_file_line_and_field(tmp_path, case, text, line, message):
    with pytest.raises(ContentError) as info:
        catalog_for(tmp_path, text)
    found = [str(i) for i in info.value.issues]
    expected = f"docs/diagrams/area/d.yml:{line}: "
    assert any(p.startswith(expected) and message in p for p in found), (expected + message, found)


def test_arrow_that_skips_a_column_is_refused(tmp_path):
    text = GOOD.replace(
        "edges:", "  - id: third\n    title: Third\n    nodes:\n      - {id: f, label: Stage F}\nedges:"
    ).replace("{from: c, to: e}", "{from: a, to: f}")
    with pytest.raises(ContentError) as info:
        catalog_for(tmp_path, text)
    assert any("same or neighbouring columns" in str(i) for i in info.value.issues)


def test_good_diagram_loads_and_is_not_published(tmp_path):
    catalog = catalog_for(tmp_path)
    assert list(catalog.diagrams) == ["d"]
    assert is_data_file("diagrams/area/d.yml") and not is_data_file("diagrams/area/d.md")


def test_wrap_keeps_lines_within_the_box():
    lines = wrap("a " * 10 + "supercalifragilisticexpialidociousandmore", 14, COL_WIDTH)
    assert len(lines) > 1
    limit = int((COL_WIDTH - 16) / (14 * 0.56))
    assert all(len(line) <= limit for line in lines)


def test_layout_places_boxes_in_columns_without_overlap(tmp_path):
    d = catalog_for(tmp_path).diagrams["d"].diagram
    box = layout(d)
    a, b, c, e = (box.boxes[i] for i in "abce")
    assert a.x == b.x < c.x == e.x
    assert a.y + a.h < b.y and c.y + c.h < e.y
    assert len(b.label) >= 3  # the long label wrapped
    for bx in box.boxes.values():
        assert 0 < bx.x and bx.x + bx.w < box.width and 0 < bx.y and bx.y + bx.h < box.height
    band = box.bands[0]
    assert band["y"] > max(bx.y + bx.h for bx in box.boxes.values())
    assert [item["label"] for item in box.legend] == ["Early stages", "Later stages"]
    assert box.legend[-1]["y"] < box.height


def test_arrows_join_box_edges(tmp_path):
    d = catalog_for(tmp_path).diagrams["d"].diagram
    box = layout(d)
    numbers = lambda path: [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]  # noqa: E731
    by_pair = {(a["source"], a["to"]): numbers(a["path"]) for a in box.arrows}
    a_to_c = by_pair[("a", "c")]
    assert a_to_c[0] == pytest.approx(box.boxes["a"].x + COL_WIDTH)  # leaves A's right side
    assert a_to_c[-2] == pytest.approx(box.boxes["c"].x - 2)  # ends at C's left side
    c_to_e = by_pair[("c", "e")]  # same column: loops out on the right
    assert c_to_e[0] == pytest.approx(box.boxes["c"].x + COL_WIDTH)
    assert c_to_e[-2] > box.boxes["e"].x + COL_WIDTH


def test_text_alternative_names_every_box_and_route(tmp_path):
    d = catalog_for(tmp_path).diagrams["d"].diagram
    described = describe(d)
    assert [c["column"].id for c in described] == ["first", "second"]
    a = described[0]["nodes"][0]
    assert a["category"] == "Early stages" and a["leads"] == [("Stage C", "the usual way")]


def test_rendered_figure_is_accessible_and_self_contained(tmp_path):
    catalog = catalog_for(tmp_path)
    out = render_diagram(catalog.diagrams["d"], catalog, page_uri="guides/area/page.md")
    block, source = out.split("\n\n", 1)
    assert "\n\n" not in block.strip(), "a blank line would end the HTML block in Markdown"
    assert "[Sample Paper 1](../../papers.md#sample-paper)" in source and "Figure 1" in source
    page = BeautifulSoup(block, "html.parser")
    figure = page.find("figure", id="diagram-d")
    assert figure["data-diagram"] == "d"
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title = svg.find(id=svg["aria-labelledby"])
    assert title.name == "title" and "A small pathway" in title.get_text()
    assert svg.find(id=svg["aria-describedby"]).name == "desc"
    assert len(svg.select("g.tk-diagram-box")) == 4
    assert len(svg.select("path.tk-diagram-arrow")) == 3
    assert len(svg.select("path.tk-diagram-arrow[stroke-dasharray]")) == 1
    assert len(svg.select("g.tk-diagram-legend")) == 2 and len(svg.select("g.tk-diagram-band")) == 1
    drawn = " ".join(t.get_text(" ") for t in svg.find_all("text"))
    assert "Stage A" in drawn and "Learning all the way through" in drawn
    words = figure.select_one(".tk-diagram-text")
    assert [li["data-node"] for li in words.select("li[data-node]")] == ["a", "b", "c", "e"]
    text = words.get_text(" ", strip=True)
    assert "Leads to: Stage C (the usual way)" in text and "Kind of box: Early stages" in text
    assert "Learning all the way through" in text and "Two stages lead to a third" in text
    assert figure.select_one(".tk-notice") is not None
    assert not page.find("script") and "http" not in block.replace("http://www.w3.org/2000/svg", "")


def test_diagram_marker_expands_and_reports_bad_ids(tmp_path):
    catalog = catalog_for(tmp_path)
    out = embed.expand("# Page\n\n<!-- toolkit:diagram d -->\n", catalog, page_uri="p.md", path="docs/p.md")
    assert 'id="diagram-d"' in out
    with pytest.raises(ContentError) as info:
        embed.expand("# Page\n\n\n<!-- toolkit:diagram nope -->\n", catalog, page_uri="p.md", path="docs/p.md")
    assert str(info.value.issues[0]).startswith("docs/p.md:4: toolkit:diagram: unknown diagram id 'nope'")
    with pytest.raises(ContentError):
        embed.expand("<!-- toolkit:diagram -->\n", catalog, page_uri="p.md", path="docs/p.md")


def test_every_style_the_model_allows_has_colours_and_contrast():
    import typing

    from toolkit.site.diagrams import STYLES
    from toolkit.content.model import DiagramStyle

    assert set(typing.get_args(DiagramStyle)) == set(STYLES)

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for name, (fill, _stroke, ink, _dash) in STYLES.items():
        hi, lo = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, name
