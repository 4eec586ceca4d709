"""Issue 25, points 6, 9 and 10 without a browser: status words in the model, wording rules
(HR, "1 tool", no promised files), flow outcomes that link the tools they name, and the
accessibility statement template. The browser side is tests/test_controls_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.kinds import DEFAULT_STATUSES, Checklist
from toolkit.content.model import LocalOverlay, audience_in_text
from toolkit.site.addresses import tool_uri
from toolkit.site.pages import tools_index
from toolkit.site.paths import path_pages
from toolkit.site.templating import render_template
from toolkit.site.tools import render_tool

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "docs")
BASE = {"id": "x", "kind": "checklist", "title": "X", "summary": "S", "audiences": ["practitioner"],
        "source": {"paper": "imroc-20", "section": "A"}, "version": 1, "items": [{"id": "a", "text": "A"}]}


# --------------------------------------------------------------------------- status words


def test_statuses_true_keeps_the_default_words_and_their_stored_ids():
    words = Checklist.model_validate({**BASE, "statuses": True}).status_words()
    assert [(w.id, w.label) for w in words] == [("not-started", "Not started"), ("in-progress", "In progress"),
                                                 ("done", "Done"), ("na", "Not applicable")]
    assert words == list(DEFAULT_STATUSES)
    assert Checklist.model_validate(BASE).status_words() == []


def test_a_list_of_words_gets_slug_ids_and_its_first_word_counts_as_done():
    words = Checklist.model_validate({**BASE, "statuses": ["Meets", "Working towards", "Not yet"]}).status_words()
    assert [(w.id, w.label, w.counts) for w in words] == [
        ("meets", "Meets", "done"), ("working-towards", "Working towards", None), ("not-yet", "Not yet", None)]


@pytest.mark.parametrize("statuses, message", [
    (["Only one"], "at least two"),
    (["Same", "same"], "used twice"),
    ([{"id": "a", "label": "A", "moved_from": ["b"]}, {"id": "b", "label": "B"}], "used twice"),
    ([{"id": "a", "label": "A", "counts": "done"}, {"id": "b", "label": "B", "counts": "done"}], "only one"),
])
def test_unusable_status_words_are_refused(statuses, message):
    with pytest.raises(ValueError, match=message):
        Checklist.model_validate({**BASE, "statuses": statuses})


def test_bad_status_words_fail_with_path_and_line(tmp_path):
    from toolkit.content.load import load_tool

    f = tmp_path / "x.yml"
    f.write_text("id: x\nkind: checklist\ntitle: X\nsummary: S\naudiences: [practitioner]\n"
                 "source: {paper: imroc-20, section: A}\nstatuses: [Meets]\nversion: 1\nitems:\n  - {id: a, text: A}\n",
                 encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_tool(f, "docs/tools/x.yml", "tools/x.yml")
    assert "docs/tools/x.yml:7: statuses" in str(exc.value) and "at least two" in str(exc.value)


def test_requirements_list_uses_meets_working_towards_not_yet_and_keeps_old_answers():
    tool = CATALOG.tool("entry-level-peer-post-requirements").tool
    words = tool.status_words()
    assert [w.label for w in words] == ["Meets", "Working towards", "Not yet"]
    assert {m for w in words for m in w.moved_from} == {"done", "in-progress", "not-started"}
    html = render_tool(CATALOG.tool(tool.id), CATALOG, page_uri=tool_uri(tool.id))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("ul.tk-checklist")["data-done"] == "meets"
    assert not soup.select("input[type=checkbox]")
    assert soup.select_one("input[value=meets]")["data-moved-from"] == "done"


# --------------------------------------------------------------------------- wording


def test_audience_labels_say_hr_in_capitals_inside_sentences():
    assert audience_in_text("hr-occupational-health") == "HR and occupational health"
    assert audience_in_text("team-leader") == "team leaders and managers"
    pages = [tools_index(CATALOG)]
    pages += [render_tool(e, CATALOG, page_uri=tool_uri(t)) for t, e in CATALOG.tools.items()
              if "hr-occupational-health" in e.tool.audiences]
    pages += list(path_pages([], CATALOG).values())
    text = "\n".join(pages)
    assert "HR and occupational health" in text
    assert re.search(r"\bhr and occupational", text) is None
    assert re.search(r"for [A-Z][a-z]+ ", "\n".join(re.findall(r"\*\*[A-Za-z ]+\*\* for [^.]+", text))) is None


def test_no_tool_s_anywhere_in_what_the_site_shows():
    files = [p for p in (ROOT / "toolkit").rglob("*") if p.suffix in {".js", ".j2", ".py", ".css"} and "vendor" not in p.parts]
    files += list((ROOT / "docs").rglob("*.yml")) + list((ROOT / "docs").rglob("*.md"))
    found = [str(p.relative_to(ROOT)) for p in files if "tool(s)" in p.read_text(encoding="utf-8")]
    assert found == []


def test_the_packs_page_promises_no_pdf_file():
    from toolkit.site.packs import pack_pages

    text = pack_pages(CATALOG)["packs/index.md"]
    assert "download it as a PDF" not in text and "no ready-made PDF" in text


def test_flow_outcomes_that_name_another_tool_link_to_it():
    for flow_id, outcome, target in [("should-i-share-now", "supervision", "sharing-risks"),
                                     ("should-i-share-now", "prepare-first", "preparing-to-share"),
                                     ("where-am-i-next", "aim-senior", "senior-peer-support-worker-checklist"),
                                     ("who-employs-peer-support-workers", "culture-first", "team-recovery-implementation-plan")]:
        soup = BeautifulSoup(render_tool(CATALOG.tool(flow_id), CATALOG, page_uri=tool_uri(flow_id)), "html.parser")
        links = [a["href"] for a in soup.select(f"#{flow_id}--{outcome} a[href]")]
        assert any(target in h for h in links), (flow_id, outcome, links)


# --------------------------------------------------------------------------- accessibility statement


def test_accessibility_statement_is_a_template_until_local_yml_completes_it():
    blank = render_template("pages/accessibility.md.j2", s=None, a=None)
    assert "This page is a template" in blank and blank.count("To be completed") >= 5
    settings = LocalOverlay.model_validate({
        "organisation": {"name": "Example Valley NHS Trust", "contact": {"email": "learning@example.invalid"}},
        "accessibility": {"compliance": "partial", "tested": "By our digital team in May 2027.",
                          "known_issues": ["Our supervision policy is a scanned PDF."], "response": "within 10 working days",
                          "prepared": "3 June 2027", "reviewed": "3 June 2027", "enforcement": "ecni"}})
    done = render_template("pages/accessibility.md.j2", s=settings, a=settings.accessibility)
    assert "To be completed" not in done and "This page is a template" not in done
    for words in ["published by Example Valley NHS Trust", "partially compliant", "scanned PDF",
                  "learning@example.invalid", "within 10 working days", "3 June 2027", "Equality Commission for Northern Ireland"]:
        assert words in done, words
    with pytest.raises(ValueError):
        LocalOverlay.model_validate({"organisation": {"name": "X"}, "accessibility": {"complience": "full"}})
