"""Authoring aids: toolkit new, JSON Schemas, toolkit validate PATH, toolkit list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from toolkit.cli import main
from toolkit.content import schemas
from toolkit.content.catalog import load_catalog
from toolkit.content.load import _Loader

from .conftest import DOCS, ROOT

TOOL_FILES = sorted((DOCS / "tools").rglob("*.yml")) + sorted((ROOT / "tests" / "fixtures" / "docs" / "tools").glob("*.yml"))
TOOL_FILES += sorted((ROOT / "examples" / "local-example" / "tools").glob("*.yml"))
PATH_FILES = sorted((DOCS / "paths").glob("*.yml")) + sorted((ROOT / "examples" / "local-example" / "paths").glob("*.yml"))


def load_yaml(file: Path):
    return yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((schemas.SCHEMA_DIR / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_match_the_model():
    for name, schema in schemas.schemas().items():
        assert (schemas.SCHEMA_DIR / name).read_text() == schemas.dumps(schema), f"run `toolkit schema --write` ({name})"


@pytest.mark.parametrize("file", TOOL_FILES, ids=lambda f: f.stem)
def test_schemas_accept_every_shipped_tool(file):
    data = load_yaml(file)
    validator("tool.schema.json").validate(data)
    validator(f"{data['kind']}.schema.json").validate(data)


@pytest.mark.parametrize("file", PATH_FILES, ids=lambda f: f.stem)
def test_path_schema_accepts_every_shipped_path(file):
    validator("path.schema.json").validate(load_yaml(file))


def test_other_schemas_accept_shipped_files():
    validator("references.schema.json").validate(load_yaml(DOCS / "references.yml"))
    validator("local.schema.json").validate(load_yaml(ROOT / "examples" / "local-example" / "local.yml"))


@pytest.mark.parametrize("break_it", [
    lambda d: d.pop("title"),
    lambda d: d.update(kind="checklst"),
    lambda d: d.update(version="one"),
    lambda d: d.update(colour="blue"),
    lambda d: d["items"][0].update(id="Not A Slug"),
    lambda d: d.update(audiences=["everyone"]),
], ids=["missing-title", "bad-kind", "bad-version", "unknown-field", "bad-item-id", "bad-audience"])
def test_schemas_reject_a_broken_tool(break_it):
    data = load_yaml(DOCS / load_catalog(DOCS).tool("sharing-risks").src_uri)
    break_it(data)
    assert list(validator("tool.schema.json").iter_errors(data))


def test_schema_modeline_in_shipped_files_points_at_a_real_schema():
    for file in PATH_FILES + [ROOT / "examples" / "local-example" / "local.yml"]:
        first = file.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (file.parent / first.split("=", 1)[1]).resolve().is_file()


@pytest.mark.parametrize("kind", schemas.NEW_KINDS)
def test_new_writes_a_starter_that_validates(tmp_path, monkeypatch, capsys, kind):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    monkeypatch.chdir(tmp_path)
    assert main(["new", kind, f"my-new-{kind}"]) == 0
    folder = {"path": "paths", "scenario": "scenarios"}.get(kind, "tools")
    file = docs / folder / f"my-new-{kind}.yml"
    assert capsys.readouterr().out.strip() == f"wrote {Path('docs') / folder / file.name}"
    first = file.read_text().splitlines()[0]
    schema_path = (file.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema_path == (schemas.SCHEMA_DIR / f"{kind}.schema.json").resolve()
    validator(f"{kind}.schema.json").validate(load_yaml(file))
    assert main(["validate", str(file)]) == 0
    assert main(["validate"]) == 0, capsys.readouterr().err
    if kind not in ("path", "scenario"):
        assert f"my-new-{kind}" in load_catalog(docs).tools
    assert main(["new", kind, f"my-new-{kind}"]) == 2, "an existing file is not overwritten"


def test_new_refuses_a_bad_id(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DOCS, tmp_path / "docs")
    assert main(["new", "checklist", "Bad Id"]) == 1
    assert "must be a slug" in capsys.readouterr().err


def test_validate_one_file_reports_path_and_line(tmp_path, monkeypatch, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    monkeypatch.chdir(tmp_path)
    rel = "docs/" + load_catalog(DOCS).tool("sharing-risks").src_uri
    tool = tmp_path / rel
    text = tool.read_text().replace("related: [", "related: [no-such-tool, ", 1)
    tool.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if "no-such-tool" in l)
    assert main(["validate", rel]) == 1
    err = capsys.readouterr().err
    assert f"{rel}:{line}: related[0]: unknown tool 'no-such-tool'" in err
    assert main(["validate", "docs/" + load_catalog(DOCS).tool("preparing-to-share").src_uri]) == 0
    assert main(["validate", "docs/references.yml"]) == 0
    assert "paper registry" in capsys.readouterr().out


def test_list_prints_kind_source_and_audiences(capsys):
    assert main(["--docs", str(DOCS), "list"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    catalog = load_catalog(DOCS)
    assert {r[0] for r in rows} == set(catalog.tools)
    for tool_id, kind, source, audiences, title, path in rows:
        tool = catalog.tool(tool_id).tool
        assert kind and source.startswith(f"{tool.source.paper}: {tool.source.section}")
        assert "Practitioners" in audiences if "practitioner" in tool.audiences else True
        assert title == tool.title and path.endswith(f"{tool_id}.yml")
