"""A small copy of the project for tests that need "a project" to break and build, not the real content.

It is the real mkdocs.yml and hooks with one area of the real content: the home page, the
personal-experience guides and their 19 tools (every kind but pathway), the learning paths that
use only those tools, the scenario cards (their tools cut to those), the glossary, the papers and
the public-link baseline cut down to the pages that exist. Extra tool files (e.g. tests/fixtures/browser) can be added. Links from
the kept tools to tools and guides left out are dropped from the copies, nothing else is
changed, so a tool file here is byte-for-byte the real one unless it had such a link.

A full build of the real site takes ~8 times as long; tests that check the real content (every
tool, every page) use the session's `built_site` instead.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AREA = "personal-experience"
PAGES = ["index.md", "authoring.md", "offline.md", "references.yml", "glossary.yml", "paths", "scenarios"]
#: Real tools from other areas that some tests use by name.
EXTRA_TOOLS = ["business-case/recovery-challenges-self-assessment.yml"]
#: Pages the toolkit generates, whatever the content.
GENERATED = ("/audiences/", "/paths/", "/tools/", "/papers/", "/links/", "/glossary/", "/scenarios/")


def mini_project(root: Path, extra_tools: list[Path] = ()) -> Path:
    """Write the small project into `root` (mkdocs.yml, hooks/, docs/); return root."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    docs = root / "docs"
    docs.mkdir()
    for name in PAGES:
        src = DOCS / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, docs / name)
    shutil.copytree(DOCS / "guides" / AREA, docs / "guides" / AREA)
    shutil.copytree(DOCS / "tools" / AREA, docs / "tools" / AREA)
    for rel in EXTRA_TOOLS:
        (docs / "tools" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DOCS / "tools" / rel, docs / "tools" / rel)
    for path in extra_tools:
        shutil.copy(path, docs / "tools" / path.name)
    tools = {p.stem for p in (docs / "tools").rglob("*.yml")}
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    for file in (docs / "tools").rglob("*.yml"):
        text = file.read_text(encoding="utf-8")
        pruned = _prune(text, tools, pages)
        if pruned != text:
            file.write_text(pruned, encoding="utf-8")
    for file in (docs / "scenarios").glob("*.yml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"^tools: \[([^\]]*)\]$", lambda m: "tools: [" + ", ".join(
            t.strip() for t in m.group(1).split(",") if t.strip() in tools) + "]", text, flags=re.M), encoding="utf-8")
    dropped = set()
    for file in (docs / "paths").glob("*.yml"):
        text = file.read_text(encoding="utf-8")
        used = set(re.findall(r"^  - tool: (\S+)$", text, flags=re.M))
        linked = {p.split("#")[0] for p in re.findall(r"^  - page: (\S+)$", text, flags=re.M)}
        if not used <= tools or not linked <= pages | {"papers.md"}:
            file.unlink()  # a path through tools or guides left out
            dropped.add(file.stem)
    _cut_lock(docs, tools, pages, dropped)
    return root


def _prune(text: str, tools: set[str], pages: set[str]) -> str:
    """Drop `related:` ids and `guides:` entries that point outside the small project."""
    def keep_related(m: re.Match) -> str:
        kept = [t.strip() for t in m.group(1).split(",") if t.strip() in tools]
        return f"related: [{', '.join(kept)}]" if kept else ""

    text = re.sub(r"^related: \[([^\]]*)\]$", keep_related, text, flags=re.M)
    out: list[str] = []
    block = ""
    entry: list[str] = []

    def flush() -> None:
        if entry and _entry_kept(block, entry, tools, pages):
            out.extend(entry)
        entry.clear()

    for line in text.splitlines(keepends=True):
        if not line.startswith(" ") and line.strip():
            flush()
            block = line.split(":")[0] if line.rstrip().endswith(":") else ""
            out.append(line)
        elif block in ("related", "guides") and line.startswith("  - "):
            flush()
            entry.append(line)
        elif block in ("related", "guides") and entry:
            entry.append(line)
        else:
            out.append(line)
    flush()
    text = "".join(out)
    return re.sub(r"^(related|guides):\n(?=\S|\Z)", "", text, flags=re.M)  # a key left empty


def _entry_kept(block: str, entry: list[str], tools: set[str], pages: set[str]) -> bool:
    first = entry[0][4:].strip()
    if block == "related":
        return first in tools
    page = re.search(r"page: ([^,}#\s]+)", "".join(entry))
    return page is None or page.group(1) in pages


def _cut_lock(docs: Path, tools: set[str], pages: set[str], dropped_paths: set[str] = frozenset()) -> None:
    """Keep the baseline's comment lines and the entries of pages this project has."""
    gone = tuple(f"/paths/{p}/" for p in dropped_paths) + tuple(f"/paths/{p}-" for p in dropped_paths)
    urls = {"/"} | {"/" + p[: -len("index.md")] if p.endswith("index.md") else "/" + p[:-3] + "/" for p in pages}
    lock = docs / "links.lock"
    kept = []
    for line in (DOCS / "links.lock").read_text(encoding="utf-8").splitlines(keepends=True):
        path = line.strip().split("#")[0]
        if line.startswith("#") or not line.strip():
            kept.append(line)
        elif path.startswith(gone):
            continue
        elif path in urls:
            kept.append(line)
        elif path.startswith(GENERATED) and not path.startswith("/tools/") and "#" not in line:
            kept.append(line)  # a generated page's anchors follow the content: not kept
        elif path.startswith("/tools/") and path != "/tools/" and path.split("/")[2] in tools:
            kept.append(line)
    lock.write_text("".join(kept), encoding="utf-8")
