"""One load of all content: the paper registry and every tool, checked together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from toolkit.content.audiences import AUDIENCES_FILE, Starts, load_starts
from toolkit.content.issue import ContentError, Issue, display_path
from toolkit.content.load import Loaded, load_glossary, load_papers, load_tool
from toolkit.content.model import KINDS, Paper, Term
from toolkit.content.validate import check
from toolkit.site.addresses import TOOLS_DIR
from toolkit.site.diagrams import LoadedDiagram, is_diagram_file, load_diagrams
from toolkit.site.glossary import Abbreviations, abbreviation_pairs

PAPERS_FILE = "references.yml"
GLOSSARY_FILE = "glossary.yml"


@dataclass
class Catalog:
    """Everything the site is built from, valid and cross-checked."""

    papers: dict[str, Paper]
    tools: dict[str, Loaded]
    glossary: list[Term] = field(default_factory=list)
    diagrams: dict[str, LoadedDiagram] = field(default_factory=dict)
    #: docs/audiences.yml: each role's start-here tools and each tool's purpose (see toolkit.content.audiences)
    starts: Starts = field(default_factory=Starts)
    #: local.yml's own support note (Markdown), replacing the shipped one; None: the shipped one.
    support: str | None = None

    @cached_property
    def abbreviations(self) -> Abbreviations:
        """The glossary's terms and tooltips for Markdown's `abbr` extension, made once."""
        return abbreviation_pairs(self.glossary)

    def tool(self, tool_id: str) -> Loaded:
        """Return a tool by id; KeyError if there is none."""
        return self.tools[tool_id]

    def by_kind(self) -> dict[str, list[Loaded]]:
        """Group tools by kind, each group sorted by title."""
        groups: dict[str, list[Loaded]] = {kind: [] for kind in KINDS}
        for entry in sorted(self.tools.values(), key=lambda e: e.tool.title.lower()):
            groups[entry.tool.kind].append(entry)
        return {kind: entries for kind, entries in groups.items() if entries}


def tool_files(docs_dir: Path) -> list[Path]:
    """Return every tool file under docs/tools, in a stable order."""
    return sorted((docs_dir / TOOLS_DIR).rglob("*.yml"))


def is_data_file(src_uri: str) -> bool:
    """Tell whether a file under docs/ is content data that must not be published."""
    return (
        src_uri in (PAPERS_FILE, GLOSSARY_FILE, AUDIENCES_FILE)
        or (src_uri.startswith(TOOLS_DIR + "/") and src_uri.endswith(".yml"))
        or is_diagram_file(src_uri)
    )


def load_catalog(
    docs_dir: Path,
    root: Path | None = None,
    *,
    extra_tool_dirs: Sequence[Path] = (),
    extra_papers: Sequence[Paper] = (),
) -> Catalog:
    """Load, validate and cross-check all content; raise ContentError listing every problem.

    `root` is what messages show paths relative to (default: the folder above docs/).
    `extra_tool_dirs` and `extra_papers` come from a local overlay (see toolkit.content.overlay).
    """
    docs_dir = Path(docs_dir)
    root = Path(root) if root is not None else docs_dir.parent
    issues: list[Issue] = []
    papers: dict[str, Paper] = {}
    papers_file = docs_dir / PAPERS_FILE
    if not papers_file.exists():
        issues.append(Issue(display_path(papers_file, root), 1, "the paper registry is missing"))
    else:
        try:
            registry, lines = load_papers(papers_file, display_path(papers_file, root))
            for i, paper in enumerate(registry.papers):
                if paper.id in papers:
                    issues.append(
                        Issue(
                            display_path(papers_file, root),
                            lines.line(("papers", i, "id")),
                            f"papers[{i}].id: duplicate paper id {paper.id!r}",
                        )
                    )
                papers[paper.id] = paper
        except ContentError as exc:
            issues += exc.issues
    for paper in extra_papers:
        papers.setdefault(paper.id, paper)
    entries: list[Loaded] = []
    extra = [
        (f, TOOLS_DIR + "/" + f.relative_to(d).as_posix())
        for d in extra_tool_dirs
        for f in sorted(Path(d).rglob("*.yml"))
    ]
    for file, src_uri in [(f, f.relative_to(docs_dir).as_posix()) for f in tool_files(docs_dir)] + extra:
        try:
            entries.append(load_tool(file, display_path(file, root), src_uri))
        except ContentError as exc:
            issues += exc.issues
    if papers or not issues:
        issues += check(entries, set(papers))
    terms: list[Term] = []
    glossary_file = docs_dir / GLOSSARY_FILE
    if glossary_file.exists():
        try:
            terms = load_glossary(glossary_file, display_path(glossary_file, root))
        except ContentError as exc:
            issues += exc.issues
    starts = Starts()
    starts_file = docs_dir / AUDIENCES_FILE
    if starts_file.exists():
        try:
            starts = load_starts(starts_file, display_path(starts_file, root), {e.tool.id for e in entries})
        except ContentError as exc:
            issues += exc.issues
    diagrams, diagram_issues = load_diagrams(docs_dir, set(papers), lambda f: display_path(f, root))
    issues += diagram_issues
    if issues:
        raise ContentError(issues)
    return Catalog(
        papers=papers, tools={e.tool.id: e for e in entries}, glossary=terms, diagrams=diagrams, starts=starts
    )
