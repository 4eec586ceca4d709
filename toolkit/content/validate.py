"""Cross-checks over all loaded content: ids, papers, related tools, flows, pathways."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from toolkit.content import flows
from toolkit.content.ids import FileId, check_file_ids
from toolkit.content.issue import Issue, dotted
from toolkit.content.kinds import Flow, Pathway
from toolkit.content.load import Loaded


def check(entries: Iterable[Loaded], papers: set[str]) -> list[Issue]:
    """Return every cross-file problem in the given tools."""
    entries = list(entries)
    issues = check_file_ids((FileId(e.tool.id, e.path, e.line("id")) for e in entries), "tool")
    known = {e.tool.id for e in entries}
    for entry in entries:
        issues += _check_tool(entry, papers, known)
    return sorted(issues)


def _check_tool(entry: Loaded, papers: set[str], tools: set[str]) -> list[Issue]:
    tool = entry.tool
    issues = []
    if tool.source.paper not in papers:
        issues.append(
            _at(entry, ("source", "paper"), f"unknown paper {tool.source.paper!r} (known: {', '.join(sorted(papers))})")
        )
    for i, rel in enumerate(tool.related):
        if rel not in tools:
            issues.append(_at(entry, ("related", i), f"unknown tool {rel!r}"))
        elif rel == tool.id:
            issues.append(_at(entry, ("related", i), "a tool cannot be related to itself"))
    if isinstance(tool, Pathway) and tool.where_next is not None:
        if tool.where_next not in tools:
            issues.append(_at(entry, ("where_next",), f"unknown tool {tool.where_next!r}"))
        elif tool.where_next == tool.id:
            issues.append(_at(entry, ("where_next",), "a pathway cannot point to itself"))
    issues += _duplicate_ids(entry)
    if isinstance(tool, Flow):
        issues += _check_flow(entry)
    if isinstance(tool, Pathway):
        issues += _check_pathway(entry)
    return issues


def _at(entry: Loaded, loc: tuple[Any, ...], message: str) -> Issue:
    return Issue(entry.path, entry.line(*loc), f"{dotted(loc)}: {message}")


#: Parts of every tool page, anchored `tool--<id>` like its items (toolkit/templates/tools/tool.md.j2).
PAGE_PARTS = frozenset({"related", "about-this-tool", "support-note"})


def _duplicate_ids(entry: Loaded) -> list[Issue]:
    seen: dict[str, tuple[Any, ...]] = {}
    issues = []
    taken = PAGE_PARTS | entry.tool.PAGE_IDS
    for ident, loc in entry.tool.id_locations():
        if ident in taken:
            issues.append(_at(entry, loc, f"the id {ident!r} is taken by a part of every tool page: choose another"))
        elif ident in seen:
            shown = ident.split("/")[-1]
            issues.append(
                _at(entry, loc, f"duplicate id {shown!r} in this tool (first on line {entry.line(*seen[ident])})")
            )
        else:
            seen[ident] = loc
    return issues


def _check_flow(entry: Loaded) -> list[Issue]:
    flow: Flow = entry.tool
    issues = []
    nodes = {q.id for q in flow.questions} | {o.id for o in flow.outcomes}
    if flow.start not in {q.id for q in flow.questions}:
        issues.append(_at(entry, ("start",), f"start {flow.start!r} is not a question of this flow"))
        return issues
    for i, q in enumerate(flow.questions):
        for j, a in enumerate(q.answers):
            if a.next not in nodes:
                issues.append(
                    _at(
                        entry,
                        ("questions", i, "answers", j, "next"),
                        f"answer leads to {a.next!r}, which is neither a question nor an outcome",
                    )
                )
    if issues:
        return issues
    reached = flows.reachable(flow)
    for i, q in enumerate(flow.questions):
        if q.id not in reached:
            issues.append(_at(entry, ("questions", i, "id"), f"question {q.id!r} cannot be reached from the start"))
    for i, o in enumerate(flow.outcomes):
        if o.id not in reached:
            issues.append(_at(entry, ("outcomes", i, "id"), f"outcome {o.id!r} cannot be reached from the start"))
    trapped = flows.dead_ends(flow)
    for i, q in enumerate(flow.questions):
        if q.id in trapped and q.id in reached:
            issues.append(
                _at(
                    entry,
                    ("questions", i, "id"),
                    f"question {q.id!r} never leads to an outcome (its answers only loop)",
                )
            )
    return issues


def _check_pathway(entry: Loaded) -> list[Issue]:
    pathway: Pathway = entry.tool
    stages = {s.id for s in pathway.stages}
    issues = []
    for i, s in enumerate(pathway.stages):
        for j, r in enumerate(s.routes):
            if r.to not in stages:
                issues.append(
                    _at(
                        entry,
                        ("stages", i, "routes", j, "to"),
                        f"route leads to {r.to!r}, which is not a stage of this pathway",
                    )
                )
            elif r.to == s.id:
                issues.append(_at(entry, ("stages", i, "routes", j, "to"), "a route cannot lead back to its own stage"))
    seen: set[str] = set()
    for i, g in enumerate(pathway.groups):
        for j, stage in enumerate(g.stages):
            if stage not in stages:
                issues.append(_at(entry, ("groups", i, "stages", j), f"{stage!r} is not a stage of this pathway"))
            elif stage in seen:
                issues.append(_at(entry, ("groups", i, "stages", j), f"stage {stage!r} is already in another group"))
            seen.add(stage)
    if pathway.groups and not stages <= seen:
        missing = ", ".join(s.id for s in pathway.stages if s.id not in seen)
        issues.append(_at(entry, ("groups",), f"every stage needs a place on the map; no group holds {missing}"))
    return issues
