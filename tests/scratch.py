"""A scratch docs folder for tests that load a few content files of their own."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "docs"


def scratch_docs(tmp_path: Path, files: dict[str, str], *, references: str | None = None) -> Path:
    """Make `tmp_path/docs` holding `files` (docs-relative path -> text) and a references.yml.

    references.yml is the fixture's (paper id `sample-paper`) unless `references` gives its text.
    An empty docs/tools folder always exists, as in a real project.
    """
    docs = tmp_path / "docs"
    (docs / "tools").mkdir(parents=True)
    if references is None:
        shutil.copy(FIXTURES / "references.yml", docs / "references.yml")
    else:
        (docs / "references.yml").write_text(textwrap.dedent(references), encoding="utf-8")
    for rel, text in files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return docs
