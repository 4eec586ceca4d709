"""The bad-input table: every kind of broken content gives one clear `path:line: message`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError

from .scratch import scratch_docs

GOOD = """\
id: t
kind: checklist
title: A tool
summary: What it is for.
audiences: [practitioner]
source: {paper: sample-paper, section: Intro}
version: 1
items:
  - id: a
    text: First item.
  - id: b
    text: Second item.
"""

FLOW = """\
id: t
kind: flow
title: A flow
summary: Decide.
audiences: [practitioner]
source: {paper: sample-paper, section: Intro}
version: 1
start: q1
questions:
  - id: q1
    text: First?
    answers:
      - {id: yes, label: "Yes", next: q2}
      - {id: no, label: "No", next: stop}
  - id: q2
    text: Second?
    answers:
      - {id: yes, label: "Yes", next: go}
      - {id: no, label: "No", next: stop}
outcomes:
  - {id: go, title: Go, text: Go ahead.}
  - {id: stop, title: Stop, text: Do not.}
"""


def edit(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


# (case id, tool file text, expected line, expected text in the message)
CASES = [
    ("yaml-syntax", GOOD + "  - id: c\n    text: [unclosed\n", 15, "(while parsing a flow sequence started on line 14)"),
    ("bad-indent", edit(GOOD, "    text: Second item.", "   text: Second item."), 12, "YAML syntax error"),
    ("duplicate-key", edit(GOOD, "version: 1\n", "version: 1\nversion: 2\n"), 8, "version: duplicate key (first given on line 7)"),
    ("not-a-mapping", "- just\n- a list\n", 1, "expected a mapping of fields, found list"),
    ("empty-file", "", 1, "expected a mapping of fields, found nothing"),
    ("missing-kind", edit(GOOD, "kind: checklist\n", ""), 1, "kind: required field is missing (one of: checklist"),
    ("unknown-kind", edit(GOOD, "kind: checklist", "kind: quiz"), 2, "kind: unknown kind 'quiz'"),
    ("missing-title", edit(GOOD, "title: A tool\n", ""), 1, "title: required field is missing"),
    ("unknown-field", edit(GOOD, "version: 1\n", "version: 1\ncolour: blue\n"), 8, "colour: unknown field"),
    ("unknown-item-field", edit(GOOD, "    text: Second item.", "    text: Second item.\n    colour: red"), 13, "items[1].colour: unknown field"),
    ("missing-item-text", edit(GOOD, "    text: Second item.\n", ""), 11, "items[1].text: required field is missing"),
    ("empty-item-text", edit(GOOD, "text: Second item.", 'text: ""'), 12, "items[1].text: String should have at least 1 character"),
    ("bad-slug", edit(GOOD, "  - id: b", "  - id: Second Item"), 11, "items[1].id: must be a slug"),
    ("version-not-int", edit(GOOD, "version: 1", "version: one"), 7, "version: Input should be a valid integer"),
    ("version-zero", edit(GOOD, "version: 1", "version: 0"), 7, "version: Input should be greater than or equal to 1"),
    ("unknown-audience", edit(GOOD, "[practitioner]", "[practitioner, nurses]"), 5, "audiences[1]: Input should be"),
    ("no-audience", edit(GOOD, "[practitioner]", "[]"), 5, "audiences: List should have at least 1 item"),
    ("missing-section", edit(GOOD, "source: {paper: sample-paper, section: Intro}", "source: {paper: sample-paper}"), 6, "source.section: required field is missing"),
    ("items-and-sections", GOOD + "sections: []\n", 1, "give either 'items' or 'sections'"),
    ("no-items", edit(GOOD, GOOD[GOOD.index("items:"):], ""), 1, "give either 'items' or 'sections'"),
    ("duplicate-item-id", edit(GOOD, "  - id: b", "  - id: a"), 11, "items[1].id: duplicate id 'a' in this tool (first on line 9)"),
    ("page-part-id", edit(GOOD, "  - id: b", "  - id: about-this-tool"), 11, "items[1].id: the id 'about-this-tool' is taken by a part of every tool page"),
    ("bad-provenance", edit(GOOD, "version: 1\n", "version: 1\nprovenance: ours\n"), 8, "provenance: Input should be 'paper', 'rebuilt' or 'toolkit'"),
    ("unknown-paper", edit(GOOD, "paper: sample-paper", "paper: imroc-99"), 6, "source.paper: unknown paper 'imroc-99'"),
    ("id-not-file-name", edit(GOOD, "id: t\n", "id: other\n"), 1, "id: 'other' must match the file name ('t')"),
    ("unknown-related", edit(GOOD, "version: 1\n", "version: 1\nrelated: [nowhere]\n"), 8, "related[0]: unknown tool 'nowhere'"),
    ("flow-one-answer", edit(FLOW, '      - {id: no, label: "No", next: stop}\n', ""), 12, "questions[0].answers: List should have at least 2 items"),
    ("flow-bad-start", edit(FLOW, "start: q1", "start: q9"), 8, "start: start 'q9' is not a question of this flow"),
    ("flow-dangling-answer", edit(FLOW, "next: go}", "next: gone}"), 18, "questions[1].answers[0].next: answer leads to 'gone'"),
    ("flow-unreachable", FLOW + "  - {id: orphan, title: Orphan, text: Never.}\n", 23, "outcomes[2].id: outcome 'orphan' cannot be reached from the start"),
    ("flow-loop", edit(edit(FLOW, "next: go}", "next: q1}"), "next: stop}\n  - id: q2", "next: q2}\n  - id: q2").replace("      - {id: no, label: \"No\", next: stop}\noutcomes", "      - {id: no, label: \"No\", next: q1}\noutcomes"), 15, "question 'q2' never leads to an outcome"),
    ("flow-yes-no-ids-stay-strings", edit(FLOW, "{id: yes,", "{id: Yes,"), 13, "questions[0].answers[0].id: must be a slug"),
    ("flow-unknown-answer-field", edit(FLOW, "next: go}", "next: go, score: 3}"), 18, "questions[1].answers[0].score: unknown field"),
]


def make_docs(tmp_path: Path, tool_text: str, name: str = "t.yml") -> Path:
    return scratch_docs(tmp_path, {f"tools/{name}": tool_text})


def problems(docs: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_catalog(docs, root=docs.parent)
    return [str(i) for i in info.value.issues]


def test_the_table_is_large_enough():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case, text, line, message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_names_file_line_and_field(tmp_path, case, text, line, message):
    found = problems(make_docs(tmp_path, text))
    expected = f"docs/tools/t.yml:{line}: "
    assert any(p.startswith(expected) and message in p for p in found), (expected + message, found)


def test_good_inputs_load(tmp_path):
    for text in (GOOD, FLOW):
        catalog = load_catalog(make_docs(tmp_path / str(hash(text)), text))
        assert list(catalog.tools) == ["t"]


def test_all_problems_reported_at_once(tmp_path):
    docs = make_docs(tmp_path, edit(edit(GOOD, "version: 1", "version: one"), "title: A tool\n", ""))
    (docs / "tools" / "u.yml").write_text("id: u\nkind: nope\n")
    found = problems(docs)
    assert any("t.yml" in p and "version" in p for p in found)
    assert any("t.yml" in p and "title" in p for p in found)
    assert any("u.yml:2: kind: unknown kind 'nope'" in p for p in found)


def test_duplicate_tool_ids_across_folders(tmp_path):
    docs = make_docs(tmp_path, GOOD)
    (docs / "tools" / "sub").mkdir()
    (docs / "tools" / "sub" / "t.yml").write_text(GOOD)
    found = problems(docs)
    assert any(p.startswith("docs/tools/t.yml:1: id: duplicate tool id 't' (also in docs/tools/sub/t.yml:1)") or
               p.startswith("docs/tools/sub/t.yml:1: id: duplicate tool id 't' (also in docs/tools/t.yml:1)") for p in found), found


def test_broken_paper_registry(tmp_path):
    docs = make_docs(tmp_path, GOOD)
    (docs / "references.yml").write_text(textwrap.dedent("""\
        papers:
          - id: sample-paper
            short: S
            title: T
            authors: []
    """))
    [found] = problems(docs)
    assert found.startswith("docs/references.yml:5: papers[0].authors: List should have at least 1 item")


def test_missing_paper_registry(tmp_path):
    docs = make_docs(tmp_path, GOOD)
    (docs / "references.yml").unlink()
    assert problems(docs) == ["docs/references.yml:1: the paper registry is missing"]


def test_not_utf8(tmp_path):
    docs = make_docs(tmp_path, "")
    (docs / "tools" / "t.yml").write_bytes(b"id: t\ntitle: \xff\xfe\n")
    assert problems(docs)[0].startswith("docs/tools/t.yml:2: not UTF-8 text")
