"""The `toolkit` command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from toolkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "docs"


def test_validate_ok(capsys):
    assert main(["--docs", str(FIXTURES), "validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: 5 tools, 1 papers")


def test_validate_reports_problems_and_fails(tmp_path, capsys, monkeypatch):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    flow = docs / "tools" / "sample-flow.yml"
    flow.write_text(flow.read_text().replace("next: share}", "next: sharing}"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "docs/tools/sample-flow.yml:19: questions[1].answers[0].next: answer leads to 'sharing'" in err
    assert err.rstrip().endswith("1 problem(s) found")


def test_list_and_show(capsys):
    assert main(["--docs", str(FIXTURES), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and lines[0].startswith("sample-checklist\tChecklist\t")
    assert main(["--docs", str(FIXTURES), "show", "sample-flow"]) == 0
    assert capsys.readouterr().out.startswith("# Sample flow { #sample-flow }")
    assert main(["--docs", str(FIXTURES), "show", "nope"]) == 2


def test_schema_is_json_schema_of_every_kind(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["discriminator"]["mapping"]) == {"checklist", "reflection", "flow", "template", "pathway"}
