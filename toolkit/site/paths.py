"""Learning paths and audience landing pages.

A path is one YAML file in docs/paths/ (or local/paths/): ordered steps, each a tool or a
page with an estimated time. It becomes a step-by-step page that prints as a session
handout, and every page in it gets "step N of M" with previous and next links.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.content.ids import FileId, check_file_ids
from toolkit.content.issue import ContentError, Issue
from toolkit.content.load import LineMap, parse, read_yaml
from toolkit.content.model import AUDIENCES, PURPOSES, LearningPath, PathStep, audience_in_text
from toolkit.site import finder
from toolkit.site.addresses import (
    AUDIENCES_INDEX_URI,
    PATHS_DIR,
    PATHS_INDEX_URI,
    audience_uri,
    path_uri,
    rel,
    tool_uri,
)
from toolkit.site.templating import render_template


def is_path_file(src_uri: str) -> bool:
    """Tell whether a file under docs/ is a learning path's YAML (data, not published)."""
    return src_uri.startswith(PATHS_DIR + "/") and src_uri.endswith((".yml", ".yaml"))


@dataclass
class LoadedPath:
    """A learning path together with where it came from."""

    path: LearningPath
    file: str  # for messages
    lines: LineMap

    def line(self, *loc: Any) -> int:
        return self.lines.line(loc)


def path_files(folder: Path) -> list[Path]:
    """Return the path files in a folder, in a stable order."""
    return sorted((folder / PATHS_DIR).glob("*.yml")) if (folder / PATHS_DIR).is_dir() else []


def load_path(file: Path, display: str) -> LoadedPath:
    """Load and validate one path file (model only)."""
    data, lines = read_yaml(file, display)
    return LoadedPath(parse(LearningPath, data, display, lines), display, lines)


def load_paths(
    files: list[tuple[Path, str]], tools: set[str], pages: set[str], scenarios: set[str] | None = None
) -> list[LoadedPath]:
    """Load every path file and check its references; raise ContentError listing every problem.

    `scenarios` is the set of scenario card ids a session plan may name (None: not checked).
    """
    issues: list[Issue] = []
    loaded: list[LoadedPath] = []
    for file, display in files:
        try:
            loaded.append(load_path(file, display))
        except ContentError as exc:
            issues += exc.issues
    issues += check_file_ids((FileId(lp.path.id, lp.file, lp.line("id")) for lp in loaded), "path")
    for lp in loaded:
        issues += check_steps(lp, tools, pages)
        issues += check_session(lp, scenarios)
    if issues:
        raise ContentError(issues)
    return loaded


def check_steps(lp: LoadedPath, tools: set[str], pages: set[str]) -> list[Issue]:
    """Return a problem for every step pointing at a tool or page that does not exist."""
    issues = []
    for i, step in enumerate(lp.path.steps):
        if step.tool is not None and step.tool not in tools:
            issues.append(Issue(lp.file, lp.line("steps", i, "tool"), f"steps[{i}].tool: unknown tool {step.tool!r}"))
        if step.page is not None and step.page.partition("#")[0] not in pages:
            issues.append(
                Issue(
                    lp.file,
                    lp.line("steps", i, "page"),
                    f"steps[{i}].page: no page {step.page.partition('#')[0]!r} in the site",
                )
            )
    return issues


def check_session(lp: LoadedPath, scenarios: set[str] | None) -> list[Issue]:
    """Return a problem if a session's timings do not add up to its length, or it names a
    scenario card or step that does not exist."""
    session = lp.path.session
    if session is None:
        return []
    issues = []
    total = sum(item.minutes for item in session.agenda)
    if total != session.length:
        issues.append(
            Issue(
                lp.file,
                lp.line("session", "agenda"),
                (
                    f"session.agenda: the timings add up to {total} minutes, but session.length is {session.length}; "
                    "make them agree"
                ),
            )
        )
    for i, card in enumerate(session.scenarios):
        if scenarios is not None and card not in scenarios:
            issues.append(
                Issue(
                    lp.file,
                    lp.line("session", "scenarios", i),
                    f"session.scenarios[{i}]: unknown scenario card {card!r}",
                )
            )
        if card in session.scenarios[:i]:
            issues.append(
                Issue(lp.file, lp.line("session", "scenarios", i), f"session.scenarios[{i}]: {card!r} is listed twice")
            )
    for i, item in enumerate(session.agenda):
        if item.step is not None and item.step > len(lp.path.steps):
            issues.append(
                Issue(
                    lp.file,
                    lp.line("session", "agenda", i, "step"),
                    (f"session.agenda[{i}].step: there is no step {item.step} (the path has {len(lp.path.steps)})"),
                )
            )
        if item.scenario is not None and item.scenario not in session.scenarios:
            issues.append(
                Issue(
                    lp.file,
                    lp.line("session", "agenda", i, "scenario"),
                    (f"session.agenda[{i}].scenario: {item.scenario!r} is not one of this session's scenarios"),
                )
            )
    return issues


def step_target(step: PathStep) -> str:
    """Return the src_uri a step leads to (without anchor)."""
    return tool_uri(step.tool) if step.tool else (step.page or "").partition("#")[0]


def step_minutes(step: PathStep, catalog: Any) -> int:
    """Return a step's time: as given, else the tool's own estimate."""
    if step.minutes is not None:
        return step.minutes
    return finder.minutes(catalog.tools[step.tool])


def total_minutes(lp: LoadedPath, catalog: Any) -> int:
    """Return the time a whole path takes."""
    return sum(step_minutes(s, catalog) for s in lp.path.steps)


def _step_view(step: PathStep, catalog: Any, page_uri: str) -> dict[str, Any]:
    target = step_target(step)
    link = rel(target, page_uri)
    if step.page and "#" in step.page:
        link += "#" + step.page.partition("#")[2]
    title = step.title or catalog.tools[step.tool].tool.title
    kind = catalog.tools[step.tool].tool.kind if step.tool else None
    return {"step": step, "title": title, "link": link, "kind": kind, "minutes": step_minutes(step, catalog)}


def duration(minutes: int) -> str:
    """Say a duration in words: '45 minutes', '1 hour 30 minutes'."""
    hours, mins = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + (
        [f"{mins} minute{'s' if mins != 1 else ''}"] if mins or not hours else []
    )
    return " ".join(parts)


def render_path(lp: LoadedPath, catalog: Any) -> str:
    """Render a path as a step-by-step page that prints as a handout."""
    uri = path_uri(lp.path.id)
    steps = [_step_view(s, catalog, uri) for s in lp.path.steps]
    total = total_minutes(lp, catalog)
    return render_template(
        "pages/path.md.j2",
        p=lp.path,
        steps=steps,
        total=duration(total),
        duration=duration,
        audiences=[(audience_in_text(a), rel(audience_uri(a), uri)) for a in lp.path.audiences],
        h=lambda n: "#" * (1 + n),
        support=getattr(catalog, "support", None),
        support_anchor=f"path-{lp.path.id}--support-note",
    )


def path_pages(paths: list[LoadedPath], catalog: Any) -> dict[str, str]:
    """Return src_uri -> page text for paths, the paths index and the audience pages."""
    pages = {path_uri(lp.path.id): render_path(lp, catalog) for lp in paths}
    ordered = sorted(paths, key=lambda lp: lp.path.title.lower())
    pages[PATHS_INDEX_URI] = render_template(
        "pages/paths-index.md.j2",
        paths=ordered,
        duration=duration,
        minutes={lp.path.id: total_minutes(lp, catalog) for lp in paths},
        audiences={a: audience_in_text(a) for a in AUDIENCES},
    )
    for audience in AUDIENCES:
        uri = audience_uri(audience)
        pages[uri] = render_template(
            "pages/audience.md.j2",
            label=audience_in_text(audience),
            audience=audience,
            paths=[
                (lp.path, rel(path_uri(lp.path.id), uri), total_minutes(lp, catalog))
                for lp in ordered
                if audience in lp.path.audiences
            ],
            **audience_tools(catalog, audience, uri),
            duration=duration,
        )
    pages[AUDIENCES_INDEX_URI] = render_template(
        "pages/audiences-index.md.j2", audiences=[(label, f"{a}.md") for a, label in AUDIENCES.items()]
    )
    return pages


def audience_tools(catalog: Any, audience: str, uri: str) -> dict[str, Any]:
    """A role's start-here tools (with when to use each), then the rest of its tools grouped by
    purpose in PURPOSES order, made-for-this-role first, then shorter before longer."""
    shown = set(catalog.tools)
    start = catalog.starts.start(audience, shown)
    chosen = {t for t, _ in start}
    rest = [e for e in catalog.tools.values() if audience in e.tool.audiences and e.tool.id not in chosen]
    groups: dict[str, list[Any]] = {p: [] for p in PURPOSES}
    for e in sorted(rest, key=lambda e: finder.rank(e, [audience]) + (e.tool.title.lower(),)):
        groups[catalog.starts.purpose(e.tool.id, e.tool.kind)].append(
            (e.tool, rel(tool_uri(e.tool.id), uri), finder.minutes(e))
        )
    return {
        "start": [
            (catalog.tools[t].tool, rel(tool_uri(t), uri), when, finder.minutes(catalog.tools[t])) for t, when in start
        ],
        "groups": [(p, PURPOSES[p], tools) for p, tools in groups.items() if tools],
    }


#: The accessible name of the path navigation shown under a page's heading.
NAV_LABEL = "Learning paths this page is part of"


#: The id of the full path navigation at the end of a page (the line under the title links to it).
NAV_END_ID = "tk-learning-paths"


def step_navigation(page_uri: str, paths: list[LoadedPath], catalog: Any, *, compact: bool = False) -> str:
    """Return 'step N of M' with previous and next links for every path this page is in; `compact`:
    one line for under the page's title (the first path, and how many more)."""
    entries = []
    for lp in paths:
        targets = [step_target(s) for s in lp.path.steps]
        for index, target in enumerate(targets):
            if target != page_uri:
                continue
            views = [_step_view(s, catalog, page_uri) for s in lp.path.steps]
            entries.append(
                {
                    "p": lp.path,
                    "n": index + 1,
                    "m": len(targets),
                    "path_link": rel(path_uri(lp.path.id), page_uri),
                    "prev": views[index - 1] if index > 0 else None,
                    "next": views[index + 1] if index + 1 < len(views) else None,
                }
            )
    if not entries:
        return ""
    template = "partials/path-line.md.j2" if compact else "partials/path-nav.md.j2"
    return render_template(template, entries=entries, label=NAV_LABEL, end_id=NAV_END_ID)


def add_navigation(markdown: str, nav: str, line: str | None = None) -> str:
    """Put the path navigation at the page's end and, under its first heading, `line` (the compact
    form) or the navigation again."""
    if not nav:
        return markdown
    top = line or nav.replace(f' id="{NAV_END_ID}"', "", 1)
    lines = markdown.split("\n")
    for i, text in enumerate(lines):
        if text.startswith("# "):
            lines[i + 1 : i + 1] = ["", top]
            break
    else:
        lines[0:0] = [top, ""]
    # Two landmarks of one kind need different names (axe landmark-unique).
    end = nav.replace(f'aria-label="{NAV_LABEL}"', f'aria-label="{NAV_LABEL} (end of page)"', 1)
    return "\n".join(lines).rstrip("\n") + "\n\n" + end
