"""Finding things: the search index, the glossary and the tool finder's data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.load import load_glossary
from toolkit.content.model import Term
from toolkit.site.addresses import anchor
from toolkit.site.finder import minutes, time_band
from toolkit.site.glossary import TermIndex, abbreviations, forms, mentions, usage
from toolkit.site.search import american, extra_words, item_docs, synonyms

from .conftest import DOCS

CATALOG = load_catalog(DOCS)
TERMS = TermIndex(CATALOG.glossary)


def test_american_spellings_of_british_words():
    assert american("Organisation, recognised behaviour; programme centres") == {
        "organization", "recognized", "behavior", "program", "centers"}
    assert american("supervise exercise advise expertise raise") == set()


def test_synonyms_come_from_the_glossary():
    words = synonyms("Our PSWs met the team", TERMS)
    assert "peer support worker" in words
    assert "PSW" in synonyms("a peer support worker joined", TERMS)
    assert "PSW" not in synonyms("a psw in lower case is not the abbreviation", TERMS)


PSW = Term(id="psw", term="PSW", stands_for="peer support worker", definition="A.", also=["PSWs"])
COPRO = Term(id="co-production", term="co-production", definition="B.", also=["coproduction"])


@pytest.mark.parametrize("term, text, expected", [
    (COPRO, "co-production", True), (COPRO, "Co-Production, at last", True), (COPRO, "(coproduction)", True),
    (COPRO, "pre-co-production", False), (COPRO, "co-production-led", False), (COPRO, "coproduction_x", False),
    (COPRO, "co-productions", False), (COPRO, "", False),
    (PSW, "PSW", True), (PSW, "our PSWs.", True), (PSW, "PSW-led", False), (PSW, "psw", False), (PSW, "xPSW", False),
])
def test_mentions_finds_terms_as_whole_words(term, text, expected):
    assert mentions(term, text) is expected


def _by_regex(term, text):
    """What `mentions` means, as a regex: any form, not next to a word character or hyphen."""
    forms = sorted({term.term, *term.also}, key=len, reverse=True)
    flags = 0 if term.stands_for else re.IGNORECASE
    return bool(re.search(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])", text, flags))


@pytest.mark.parametrize("text", [
    "co-production", "pre-co-production", "coproduction_x", "PSW-led", "(PSW)", "PSWs", "psw",
    "Peer Support Worker.", "peer support workers", "the peer support worker", "",
])
def test_mentions_and_the_term_index_agree_with_the_whole_word_regex(text):
    expected = {t.term for t in CATALOG.glossary if _by_regex(t, text)}
    assert {t.term for t in CATALOG.glossary if mentions(t, text)} == expected
    assert {t.term for t in TERMS.mentioned(text)} == expected  # the index drops no term it should find


def test_mentions_agrees_with_the_whole_word_regex_on_every_search_entry():
    for doc in item_docs(CATALOG, lambda tool_id: f"tools/{tool_id}/"):
        text = doc["text"] + " " + doc["title"]
        expected = [t.term for t in CATALOG.glossary if _by_regex(t, text)]
        assert [t.term for t in TERMS.mentioned(text)] == expected, text


def test_extra_words_skip_what_is_already_there():
    assert "organization" in extra_words("our organisation", TermIndex([]))
    assert extra_words("organisation organization", TermIndex([])) == ""


def test_glossary_duplicates_are_errors(tmp_path):
    file = tmp_path / "glossary.yml"
    file.write_text("terms:\n  - id: psw\n    term: PSW\n    definition: A.\n  - id: psw2\n    term: psw\n    definition: B.\n")
    with pytest.raises(ContentError) as info:
        load_glossary(file, "docs/glossary.yml")
    assert [str(i) for i in info.value.issues] == ["docs/glossary.yml:6: terms[1].term: 'psw' is already defined on line 3"]


def test_abbreviations_and_usage():
    abbrs = abbreviations(CATALOG.glossary)
    assert abbrs["PSW"].startswith("peer support worker: ")
    assert "Co-production" in abbrs and "co-production" in abbrs
    found = usage(CATALOG.glossary, {"a.md": ("A", "Ask your PSW"), "b.md": ("B", "psw is not it")})
    assert found["psw"] == [("A", "a.md")]


def test_time_needed_is_estimated_or_declared():
    risks = CATALOG.tool("sharing-risks")
    assert minutes(risks) == 10 and time_band(10) == "short"
    assert time_band(25) == "medium" and time_band(90) == "long"


def _index(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text())["docs"]


def test_every_item_has_its_own_search_entry(built_site):
    docs = {d["location"]: d for d in _index(built_site)}
    for tool_id, entry in CATALOG.tools.items():
        tool = entry.tool
        ids = ([q.id for q in tool.questions] + [o.id for o in tool.outcomes] if tool.kind == "flow"
               else [s.id for s in tool.stages] if tool.kind == "pathway" else [e.id for e in tool.entries()])
        for item_id in ids:
            doc = docs[f"tools/{tool_id}/#{anchor(tool_id, item_id)}"]
            assert doc["title"] and doc["boost"] > 1


def test_tool_pages_are_titled_with_their_kind_and_metadata(built_site):
    docs = {d["location"]: d for d in _index(built_site)}
    page = docs["tools/sharing-risks/"]
    assert page["title"] == "When sharing personal experience goes wrong — Checklist"
    # the kind, readers and paper find the tool, from the index-only field results never show
    assert "Team leaders and managers" in page["also"] and "ImROC Briefing Paper 20" in page["also"]
    assert "Team leaders and managers" not in page["text"]


def test_glossary_page_lists_every_term_with_where_it_is_used(built_site):
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(), "html.parser")
    for term in CATALOG.glossary:
        assert soup.find(id=term.id) is not None, term.id


def test_terms_show_as_abbr_where_used(built_site):
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(), "html.parser")
    abbrs: dict[Path, set[str]] = {}

    def abbr_texts(page: Path) -> set[str]:
        if page not in abbrs:
            article = BeautifulSoup(page.read_text(), "html.parser").select_one("article")
            abbrs[page] = {a.get_text() for a in article.find_all("abbr")}
        return abbrs[page]

    checked = 0
    for term in CATALOG.glossary:
        heading = soup.find(id=term.id)
        used = heading.find_next("em", string="Used in:")
        if used is None or used.find_previous("h2") is not heading:
            continue
        for link in used.parent.find_all("a"):
            page = (built_site / "glossary" / link["href"]).resolve() / "index.html"
            assert abbr_texts(page) & set(forms(term)), (term.id, link["href"])
            checked += 1
    assert checked >= 5


def test_only_the_first_use_of_a_term_gets_a_tooltip():
    from toolkit.site.glossary import first_only

    html = '<p><abbr title="a">PSW</abbr> and <abbr title="a">PSW</abbr>, <abbr title="b">Recovery</abbr> <abbr title="b">recovery</abbr></p>'
    assert first_only(html) == '<p><abbr title="a" tabindex="0">PSW</abbr> and PSW, <abbr title="b" tabindex="0">Recovery</abbr> recovery</p>'


def test_glossary_usage_ignores_code():
    from toolkit.site import glossary

    term = CATALOG.glossary[0]
    form = sorted(forms(term), key=len)[-1]
    fenced = {"a.md": ("A", f"# A\n\n```yaml\nname: {form}\n```\n\nText with `{form}` in code.\n")}
    assert glossary.usage([term], fenced)[term.id] == []
    running = {"b.md": ("B", f"# B\n\nRunning text about {form} here.\n")}
    assert glossary.usage([term], running)[term.id] == [("B", "b.md")]


def test_print_only_text_and_the_links_directory_stay_out_of_search(built_site):
    # The address list repeats every tool's wording and the print-only "about" block repeats each
    # tool's citation: indexed, they pushed the tools themselves out of the first results.
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if d["location"].split("#")[0] == "links/"]
    tool = next(d for d in docs if d["location"] == "tools/team-recovery-implementation-plan/")
    assert "Web address" not in tool["text"] and "Source:" not in tool["text"]


def test_no_glossary_marking_in_headings_links_or_buttons():
    from toolkit.site.glossary import first_only

    html = ('<h1 id="t">About <abbr title="a">PSW</abbr> work</h1><p><a href="x"><abbr title="a">PSW</abbr></a> '
            '<button type="button"><abbr title="b">TRIP</abbr></button> <abbr title="a">PSW</abbr></p>')
    assert first_only(html) == ('<h1 id="t">About PSW work</h1><p><a href="x">PSW</a> '
                                '<button type="button">TRIP</button> <abbr title="a" tabindex="0">PSW</abbr></p>')


def test_common_misspellings_find_entries_from_the_index_only_field():
    from toolkit.site.glossary import TermIndex
    from toolkit.site.search import extra_words

    extra = extra_words("Supervision and appraisal for colleagues", TermIndex([])).split()
    assert {"supervison", "apprasial", "collegues"} <= set(extra)
    assert extra_words("Nothing misspelt here", TermIndex([])) == ""


def test_other_forms_people_type_find_entries_from_the_index_only_field():
    from toolkit.site.glossary import TermIndex
    from toolkit.site.search import extra_words

    # "reflective practice" finds reflection questions: search only matches words by their start
    assert "reflective" in extra_words("Reflection questions after sharing", TermIndex([])).split()
    assert "reflective" not in extra_words("Reflective practice", TermIndex([])).split()  # already there
