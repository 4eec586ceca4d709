"""Content that cannot break the build: any input gives a valid model or path:line errors.

Hypothesis feeds the loader arbitrary YAML documents and mutations of every shipped tool
file; the outcome must always be a model or ContentError — never another exception.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.content.issue import ContentError
from toolkit.content.load import MAX_BYTES, load_tool

from .conftest import DOCS

SHIPPED = sorted((DOCS / "tools").rglob("*.yml"))
ISSUE = re.compile(r"^docs/tools/t\.yml:\d+: \S")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def outcome(tmp_path: Path, data: bytes | str) -> list[str] | None:
    """Load a tool file; return None if valid, else the issues (asserting their format)."""
    file = tmp_path / "t.yml"
    file.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    try:
        load_tool(file, "docs/tools/t.yml", "tools/t.yml")
    except ContentError as exc:
        messages = [str(i) for i in exc.issues]
        assert messages and all(ISSUE.match(m) for m in messages), messages
        return messages
    return None


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


@SETTINGS
@given(doc=documents)
def test_arbitrary_documents(tmp_path, doc):
    outcome(tmp_path, yaml.safe_dump(doc, allow_unicode=True))


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text(tmp_path, text):
    outcome(tmp_path, text)


@SETTINGS
@given(index=st.integers(0, max(len(SHIPPED) - 1, 0)), data=st.data())
def test_mutated_shipped_tools(tmp_path, index, data):
    source = SHIPPED[index].read_text(encoding="utf-8").replace(f"id: {SHIPPED[index].stem}\n", "id: t\n", 1)
    lines = source.splitlines(keepends=True)
    op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "replace-char"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "insert":
        lines.insert(i, data.draw(st.text(max_size=40)) + "\n")
    elif op == "truncate":
        lines = lines[:i]
    else:
        line = lines[i]
        k = data.draw(st.integers(0, max(len(line) - 1, 0)))
        lines[i] = line[:k] + data.draw(st.sampled_from([":", "-", "[", "{", "\t", "'", '"', "&a ", "*a", "#", " "])) + line[k + 1:]
    outcome(tmp_path, "".join(lines))


def test_every_shipped_tool_loads(tmp_path):
    for file in SHIPPED:
        text = file.read_text(encoding="utf-8").replace(f"id: {file.stem}\n", "id: t\n", 1)
        assert outcome(tmp_path, text) is None, file


GOOD = (DOCS / "tools" / "personal-experience" / "sharing-risks.yml").read_text(encoding="utf-8").replace("id: sharing-risks\n", "id: t\n", 1)


@pytest.mark.parametrize("name, data, expected", [
    ("empty", "", "t.yml:1: expected a mapping of fields, found nothing"),
    ("billion-laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "t.yml:1: YAML anchors and aliases"),
    ("tab-indent", GOOD.replace("\n  - id: burden", "\n\t- id: burden"), "YAML syntax error"),
    ("non-utf8", GOOD.encode("utf-8").replace(b"attention", b"\xe9attention"), "not UTF-8 text"),
    ("complex-key", GOOD + "? [a, b]\n: c\n", "found unhashable key"),
    ("deep-nesting", "a: " + "[" * 5000 + "]" * 5000 + "\n", "t.yml:"),
    ("upper-case-id", GOOD.replace("  - id: focus", "  - id: Focus"), "items[0].id: must be a slug"),
    ("unicode-id", GOOD.replace("  - id: focus", "  - id: fo\u0301cus"), "items[0].id: must be a slug"),
])
def test_hostile_inputs_are_refused_cleanly(tmp_path, name, data, expected):
    messages = outcome(tmp_path, data)
    assert messages and any(expected in m for m in messages), messages


def test_bom_and_windows_line_endings_are_fine(tmp_path):
    assert outcome(tmp_path, "\ufeff" + GOOD.replace("\n", "\r\n")) is None


def test_huge_file_is_refused_unread(tmp_path):
    messages = outcome(tmp_path, GOOD + "# " + "x" * (MAX_BYTES + 10) + "\n")
    assert messages == [f"docs/tools/t.yml:1: file is {MAX_BYTES + len(GOOD) + 13:,} bytes; a content file may be at most {MAX_BYTES:,}"]
