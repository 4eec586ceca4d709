"""Each tool kind owns its behaviour: the model class answers for it, no other module asks which kind."""

import re
from pathlib import Path

import pytest

from toolkit.content.catalog import load_catalog
from toolkit.content.kinds import Checklist, Flow, Pathway, Reflection, Template, ToolBase
from toolkit.content.model import KINDS
from toolkit.printables.budget import page_budget
from toolkit.site.addresses import anchor
from toolkit.site.links import tool_anchors

from .conftest import DOCS

CATALOG = load_catalog(DOCS)

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
CLASSES = {"checklist": Checklist, "reflection": Reflection, "template": Template, "flow": Flow, "pathway": Pathway}
#: What each kind's class answers: anchors, search entries, counts, time, print height, team view, ids.
BEHAVIOUR = ("addressable", "search_entries", "entry_count", "time_units", "print_body_mm", "id_locations")
#: `tool.kind == "flow"`, `kind in (...)`, `isinstance(tool, Flow)`: asking which kind a tool is.
DISPATCH = re.compile(
    r"""\bkind\s*(==|!=)\s*["'](?:checklist|reflection|template|flow|pathway)["']"""
    r"|\.kind\s+(not\s+)?in\b"
    r"|isinstance\([^)]*\b(?:Checklist|Reflection|Template|Flow|Pathway)\b"
)
#: Where asking is justified, and why.
ALLOWED = {
    # The cross-reference checks of a flow's graph and a pathway's routes report path:line through
    # the file's line map and the catalog; a kind without cross-references adds nothing there.
    "content/validate.py",
}


def test_every_kind_has_a_class_that_gives_each_behaviour():
    assert set(CLASSES) == set(KINDS)
    for kind, cls in CLASSES.items():
        for name in BEHAVIOUR:
            assert getattr(cls, name) is not getattr(ToolBase, name), f"{kind} does not give {name}"


def test_no_module_outside_the_model_asks_which_kind_a_tool_is():
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        rel = file.relative_to(PACKAGE).as_posix()
        if rel in ("content/kinds.py", "content/model.py") or rel in ALLOWED:
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if DISPATCH.search(line):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert found == []


def test_the_dispatch_pattern_finds_what_it_is_meant_to():
    for line in ('if tool.kind == "flow":', "elif kind == 'pathway':", 'tool.kind in ("a", "b")', "isinstance(t, Flow)"):
        assert DISPATCH.search(line), line
    assert not DISPATCH.search('if kind == "union_tag_not_found":')


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_answers_for_its_tools(kind):
    tools = [e.tool for e in CATALOG.tools.values() if e.tool.kind == kind]
    assert tools, f"no {kind} in the content"
    for tool in tools:
        ids = [i for i, _ in tool.id_locations()]
        anchors = [a for a, _ in tool_anchors(tool)]
        assert anchors and len(set(anchors)) == len(anchors)
        assert all(a.startswith(anchor(tool.id) + "--") for a in anchors)
        # every anchored part has an id the checks saw
        assert {a.removeprefix(tool.id + "--") for a in anchors} <= set(ids) | {i.replace("/", "-") for i in ids}
        assert [e[0] for e in tool.search_entries()]
        assert tool.entry_count() >= 1 and tool.time_units() >= 1
        assert tool.time_needed() >= 5 and tool.time_needed() % 5 == 0 or tool.minutes
        assert tool.print_body_mm(lambda text, chars=95: 5.5 if text else 0.0) > 0
        assert page_budget(tool) >= 1
