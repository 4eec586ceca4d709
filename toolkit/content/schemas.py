"""JSON Schemas generated from the content model, for editors with a YAML language server.

`toolkit schema --write` writes them to toolkit/schema/; a test checks the committed files
match the model, so they cannot drift. A YAML file opts in with its first line::

    # yaml-language-server: $schema=../../toolkit/schema/checklist.schema.json
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from toolkit.browser.answers import AnswersFile
from toolkit.content.kinds import Checklist, Flow, Pathway, Reflection, Template
from toolkit.content.load import TOOL_ADAPTER
from toolkit.content.model import KINDS, AudiencesFile, LearningPath, LocalOverlay, PaperRegistry, ScenarioCard

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_KIND_MODELS = {
    "checklist": Checklist,
    "reflection": Reflection,
    "flow": Flow,
    "template": Template,
    "pathway": Pathway,
}
#: What `toolkit new` can write: the tool kinds, a learning path and a scenario card.
NEW_KINDS = [*KINDS, "path", "scenario"]


def _schema(adapter: TypeAdapter[Any], title: str) -> dict[str, Any]:
    schema = adapter.json_schema()
    return {"$schema": DIALECT, **schema, "title": title}


def schemas() -> dict[str, dict[str, Any]]:
    """Return file name -> JSON Schema for every kind of content file."""
    out = {"tool.schema.json": _schema(TOOL_ADAPTER, "Toolkit tool (any kind)")}
    for kind, model in _KIND_MODELS.items():
        out[f"{kind}.schema.json"] = _schema(TypeAdapter(model), f"Toolkit tool: {KINDS[kind].lower()}")
    out["path.schema.json"] = _schema(TypeAdapter(LearningPath), "Toolkit learning path")
    out["audiences.schema.json"] = _schema(
        TypeAdapter(AudiencesFile), "Toolkit start-here tools by role (docs/audiences.yml)"
    )
    out["scenario.schema.json"] = _schema(TypeAdapter(ScenarioCard), "Toolkit scenario card")
    out["local.schema.json"] = _schema(TypeAdapter(LocalOverlay), "Toolkit local overlay (local/local.yml)")
    out["references.schema.json"] = _schema(TypeAdapter(PaperRegistry), "Toolkit paper registry")
    out["answers.schema.json"] = _schema(
        TypeAdapter(AnswersFile), "Toolkit answers export file (its tools are the browser's stored records)"
    )
    return out


def dumps(schema: dict[str, Any]) -> str:
    """Serialise a schema deterministically."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into `folder`; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        (folder / name).write_text(dumps(schema), encoding="utf-8")
        written.append(folder / name)
    return written


def schema_file(kind: str) -> str:
    """Return the schema file name for a kind of file `toolkit new` writes."""
    return f"{kind}.schema.json"


def modeline(yaml_file: Path, kind: str, folder: Path = SCHEMA_DIR) -> str:
    """Return the yaml-language-server comment pointing a file at its schema, relatively."""
    target = os.path.relpath(folder / schema_file(kind), Path(yaml_file).resolve().parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"
