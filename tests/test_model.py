"""The content model and the flow graph helpers, without any files."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from toolkit.content import flows
from toolkit.content.kinds import Checklist, Flow
from toolkit.content.load import TOOL_ADAPTER

BASE = dict(title="T", summary="S", audiences=["practitioner"], source={"paper": "p", "section": "s"}, version=1)


def flow(questions, outcomes, start="a") -> Flow:
    return TOOL_ADAPTER.validate_python(dict(BASE, id="f", kind="flow", start=start, questions=questions, outcomes=outcomes))


def q(id, *targets):
    return {"id": id, "text": id, "answers": [{"id": f"to-{t}", "label": t, "next": t} for t in targets]}


def o(id):
    return {"id": id, "title": id, "text": id}


def test_kind_selects_the_model():
    tool = TOOL_ADAPTER.validate_python(dict(BASE, id="c", kind="checklist", items=[{"id": "x", "text": "X"}]))
    assert isinstance(tool, Checklist)


def test_flat_items_are_one_section():
    tool = TOOL_ADAPTER.validate_python(dict(BASE, id="c", kind="checklist", items=[{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]))
    [section] = tool.all_sections()
    assert [i.id for i in section.items] == ["x", "y"] == [i.id for i in tool.entries()]


def test_models_are_frozen_and_strict():
    tool = TOOL_ADAPTER.validate_python(dict(BASE, id="c", kind="checklist", items=[{"id": "x", "text": "X"}]))
    with pytest.raises(ValidationError):
        tool.title = "changed"
    with pytest.raises(ValidationError):
        TOOL_ADAPTER.validate_python(dict(BASE, id="c", kind="checklist", items=[{"id": "x", "text": "X", "tick": True}]))


@pytest.mark.parametrize("where", ["tool", "item"])
def test_ids_browsers_reserve_are_refused(where, tmp_path):
    # Stored answers are keyed by id and imports refuse keys JavaScript objects own.
    from toolkit.content.issue import ContentError
    from toolkit.content.load import parse, read_yaml

    tool_id, item_id = ("constructor", "a") if where == "tool" else ("t", "constructor")
    file = tmp_path / "t.yml"
    file.write_text(
        f"id: {tool_id}\nkind: checklist\ntitle: T\nsummary: S\naudiences: [practitioner]\n"
        f"source: {{paper: p, section: s}}\nversion: 1\nitems:\n  - id: {item_id}\n    text: x\n"
    )
    data, lines = read_yaml(file, "t.yml")
    with pytest.raises(ContentError) as err:
        parse(TOOL_ADAPTER, data, "t.yml", lines)
    line = 1 if where == "tool" else 9
    assert [str(i) for i in err.value.issues] == [
        f"t.yml:{line}: {'id' if where == 'tool' else 'items[0].id'}: 'constructor' is reserved (browsers' JavaScript objects use the name); choose another id"
    ]


def test_text_is_stripped_and_must_not_be_blank():
    with pytest.raises(ValidationError):
        TOOL_ADAPTER.validate_python(dict(BASE, id="c", kind="checklist", items=[{"id": "x", "text": "   "}]))


def test_reachability_and_dead_ends():
    f = flow([q("a", "b", "end"), q("b", "c", "a"), q("c", "b", "a"), q("lost", "end", "a")], [o("end")])
    assert flows.reachable(f) == {"a", "b", "c", "end"}
    assert flows.dead_ends(f) == set()
    trap = flow([q("a", "b", "end"), q("b", "c", "c"), q("c", "b", "b")], [o("end")])
    assert flows.dead_ends(trap) == {"b", "c"}


def test_numbering_follows_the_walk_from_the_start():
    f = flow([q("z", "end", "y"), q("a", "z", "y"), q("y", "end", "z")], [o("end")], start="a")
    assert f.numbering() == {"a": 1, "z": 2, "y": 3}
