"""Templates make a document and pathways open with a map: the content model, the page text and
the assets behind them (the browser side is tests/test_documents_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.browser import bundle
from toolkit.content.catalog import load_catalog
from toolkit.content.load import ContentError

from .scratch import scratch_docs
from .test_render import catalog, rendered, to_html

PATHWAY = """\
id: t
kind: pathway
title: A pathway
summary: Stages.
audiences: [practitioner]
source: {paper: sample-paper, section: Intro}
version: 1
groups:
  - {id: first, title: First, stages: [a]}
  - {id: second, title: Second, stages: [b]}
stages:
  - id: a
    title: Stage A
    summary: The first.
    routes:
      - {to: b, label: onwards}
  - id: b
    title: Stage B
    summary: The second.
"""
TEMPLATE = """\
id: t
kind: template
title: A template
summary: Fields.
audiences: [practitioner]
source: {paper: sample-paper, section: Intro}
version: 1
document_title: My document
items:
  - id: name
    label: Name
    document: heading
  - id: note
    label: Note
"""

CASES = [
    ("group-unknown-stage", PATHWAY.replace("stages: [b]}", "stages: [b, z]}"), 10, "groups[1].stages[1]: 'z' is not a stage of this pathway"),
    ("group-twice", PATHWAY.replace("stages: [b]}", "stages: [b, a]}"), 10, "groups[1].stages[1]: stage 'a' is already in another group"),
    ("group-missing-stage", PATHWAY.replace("stages: [b]}", "stages: [a]}"), 8, "groups: every stage needs a place on the map; no group holds b"),
    ("where-next-unknown", PATHWAY.replace("version: 1\n", "version: 1\nwhere_next: nowhere\n"), 8, "where_next: unknown tool 'nowhere'"),
    ("where-next-itself", PATHWAY.replace("version: 1\n", "version: 1\nwhere_next: t\n"), 8, "where_next: a pathway cannot point to itself"),
    ("document-mode-unknown", TEMPLATE.replace("document: heading", "document: banner"), 12, "items[0].document: Input should be"),
]


@pytest.mark.parametrize("case, text, line, message", CASES, ids=[c[0] for c in CASES])
def test_bad_maps_and_document_modes_name_file_line_and_field(tmp_path, case, text, line, message):
    docs = scratch_docs(tmp_path, {"tools/t.yml": text})
    with pytest.raises(ContentError) as info:
        load_catalog(docs, root=docs.parent)
    found = [str(i) for i in info.value.issues]
    assert any(p.startswith(f"docs/tools/t.yml:{line}: ") and message in p for p in found), (line, message, found)


def test_good_map_and_template_load(tmp_path):
    for i, text in enumerate((PATHWAY, TEMPLATE)):
        docs = scratch_docs(tmp_path / str(i), {"tools/t.yml": text})
        tool = load_catalog(docs, root=docs.parent).tool("t").tool
        if tool.kind == "pathway":
            assert [(title, [s.id for s in stages]) for title, stages in tool.map_groups()] == [("First", ["a"]), ("Second", ["b"])]
        else:
            assert [f.document for f in tool.entries()] == ["heading", "labelled"]


def test_pathway_opens_with_its_map_a_where_next_link_and_closed_details():
    soup = to_html(rendered("sample-pathway"))
    pathway = catalog().tool("sample-pathway").tool
    where = soup.select_one(".tk-where-next a")
    assert where["href"] == "../sample-flow/" or where["href"].endswith("sample-flow.md"), where["href"]
    nav = soup.select_one("nav.tk-map")
    assert nav["aria-label"]
    assert [p.get_text() for p in nav.select(".tk-map-group-title")] == ["Before a job", "Paid work"]
    links = nav.select("a.tk-map-stage")
    assert [a["href"] for a in links] == [f"#sample-pathway--{s.id}" for s in pathway.stages]
    ids = {el["id"] for el in soup.find_all(id=True)}
    assert all(a["href"][1:] in ids for a in links)
    # The map comes before the first stage; each stage's details are closed until asked for.
    assert soup.find(id="sample-pathway--map").find_next("h2")["id"] == "sample-pathway--volunteer"
    for stage in soup.select(".tk-stage"):
        details = stage.select_one("details.tk-stage-details")
        assert details is not None and not details.has_attr("open")
        assert stage.find("p") and stage.find("p").find_parent("details") is None  # the summary stays in view
    # Read, not filled in: no print with answers.
    actions = soup.select_one(".tk-print-actions").get_text(" ")
    assert "with my answers" not in actions and "Print" in actions


def test_other_kinds_keep_print_with_answers():
    for tool_id in ("sample-checklist", "sample-reflection", "sample-template", "sample-flow"):
        assert "Print with my answers" in to_html(rendered(tool_id)).select_one(".tk-print-actions").get_text(), tool_id


def test_template_page_text_marks_fields_and_holds_an_empty_preview():
    soup = to_html(rendered("sample-template"))
    doc = soup.select_one("section.tk-document")
    assert doc.has_attr("hidden")  # shown by the script: without it there is nothing to preview
    assert doc["id"] == "sample-template--document" and doc["data-document-title"] == "About me"
    assert [b.get_text() for b in doc.select("button")] == ["Print my document", "Download my document (Word)"]
    assert doc.select_one(".tk-preview").get_text() == ""
    jumps = soup.select(".tk-doc-form .tk-doc-jump a")
    assert jumps and all(a["href"] == "#sample-template--document" for a in jumps)
    assert [f["data-item"] for f in soup.select(".tk-doc-form .tk-field")] == ["name", "interests"]


def test_biography_leaves_notes_for_the_writer_out_of_the_document():
    from toolkit.content.catalog import load_catalog as real

    from .conftest import ROOT

    bio = real(ROOT / "docs").tool("practitioner-biography").tool
    modes = {f.id: f.document for f in bio.entries()}
    assert modes["name"] == "heading" and modes["role"] == "text"
    assert {k for k, v in modes.items() if v == "omit"} == {"photo", "audience", "reviewed"}


def test_document_code_loads_on_demand_only():
    """docx.js, team.js, contact.js and doc-print.css ship with the site but no page links them:
    they load when first needed, so they count against no page's budget (and search.js, the
    query rewrite, which the theme loads when search is first opened)."""
    on_demand = {"docx.js", "team.js", "team.css", "contact.js", "doc-print.css", "search.js"}
    assert {u.rsplit("/", 1)[1] for u in bundle.ON_DEMAND} == on_demand
    assert set(bundle.ON_DEMAND) <= set(bundle.ASSETS)
    template = '<div class="tk-tool tk-tool--template" data-kind="template"></div>'
    pathway = '<div class="tk-tool tk-tool--pathway" data-kind="pathway"></div>'
    linked = set(bundle.page_assets(template)) | set(bundle.page_assets(pathway))
    assert "assets/toolkit/template.css" in linked and "assets/toolkit/pathway.js" in linked
    assert not {u for u in linked if u.rsplit("/", 1)[1] in on_demand}
    # The kind scripts never name the on-demand files in a way that bypasses the loader.
    js = (Path(bundle.ASSETS_DIR) / "kinds" / "template.js").read_text(encoding="utf-8")
    for name in ("docx.js", "team.js", "contact.js", "doc-print.css"):
        assert f'load("{name}"' in js, name
    theme = (Path(bundle.ASSETS_DIR).parent / "engine" / "theme" / "main.html").read_text(encoding="utf-8")
    assert '"/assets/toolkit/search.js"' in theme


def test_pathway_pdf_prints_every_stage_open_without_its_toggle():
    """The download (WeasyPrint, print.css) prints what each stage asks for, its routes and the map,
    and not the "More about this stage" toggle."""
    import io

    import pypdf

    from toolkit.printables.pdf import tool_pdf

    entry = catalog().tool("sample-pathway")
    pdf = pypdf.PdfReader(io.BytesIO(tool_pdf(entry, catalog())))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for words in ("Map of the pathway", "Before a job", "Lived experience", "Routes from here", "Apply for a paid post", "Induction course"):
        assert words in text, words
    assert "More about this stage" not in text
