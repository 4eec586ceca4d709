"""docs/audiences.yml: the tools each role's page starts with, and what each tool is for.

A role's page (audiences/<role>/) opens with three to five tools chosen for it, each with one
line on when to use it, then lists the rest grouped by purpose (prepare, reflect, decide, plan,
recruit, assess). A tool's purpose follows from its kind unless the file's `purposes` says
otherwise. The role's print pack holds its start tools and the few listed under `then`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.content.issue import ContentError, Issue
from toolkit.content.load import LineMap, parse, read_yaml
from toolkit.content.model import AudiencesFile, AudienceStart

AUDIENCES_FILE = "audiences.yml"
#: A print pack people would print: a role's start tools and what follows from them, ten at most.
PACK_LIMIT = 10
#: The purpose a tool's kind implies when `purposes` does not name the tool.
KIND_PURPOSE = {"checklist": "assess", "reflection": "reflect", "flow": "decide", "template": "plan", "pathway": "plan"}


@dataclass(frozen=True)
class Starts:
    """The checked contents of docs/audiences.yml."""

    by_audience: dict[str, AudienceStart] = field(default_factory=dict)
    purpose_of: Mapping[str, str] = field(default_factory=dict)  # tool id -> purpose, where not the kind's

    def start(self, audience: str, shown: set[str] | None = None) -> list[tuple[str, str]]:
        """(tool id, when to use it) for a role's start tools, leaving out tools not `shown`."""
        entry = self.by_audience.get(audience)
        if entry is None:
            return []
        return [(s.tool, s.when) for s in entry.start if shown is None or s.tool in shown]

    def pack(self, audience: str, shown: set[str] | None = None) -> list[str]:
        """The tool ids of a role's print pack: its start tools, then the ones that follow."""
        entry = self.by_audience.get(audience)
        if entry is None:
            return []
        ids = list(dict.fromkeys([s.tool for s in entry.start] + list(entry.then)))
        return [t for t in ids if shown is None or t in shown]

    def purpose(self, tool_id: str, kind: str) -> str:
        """What a reader does with a tool: the file's word for it, else its kind's."""
        return self.purpose_of.get(tool_id) or KIND_PURPOSE[kind]


def load_starts(file: Path, display: str, tools: set[str]) -> Starts:
    """Load docs/audiences.yml and check it against the tools; raise ContentError listing every problem."""
    data, lines = read_yaml(file, display)
    parsed = parse(AudiencesFile, data, display, lines)
    issues = check_starts(parsed, tools, display, lines)
    if issues:
        raise ContentError(issues)
    purpose_of = {tool: purpose for purpose, ids in parsed.purposes.items() for tool in ids}
    return Starts({a.audience: a for a in parsed.audiences}, purpose_of)


def check_starts(parsed: AudiencesFile, tools: set[str], display: str, lines: LineMap) -> list[Issue]:
    """Unknown tools, a role given twice, a tool twice in one role, packs over the limit, a tool in two purposes."""
    issues: list[Issue] = []

    def problem(loc: tuple, message: str) -> None:
        issues.append(Issue(display, lines.line(loc), message))

    seen_roles: dict[str, int] = {}
    for i, entry in enumerate(parsed.audiences):
        if entry.audience in seen_roles:
            problem(
                ("audiences", i, "audience"),
                f"audiences[{i}].audience: {entry.audience!r} is already given on line {seen_roles[entry.audience]}",
            )
        seen_roles.setdefault(entry.audience, lines.line(("audiences", i, "audience")))
        seen: set[str] = set()
        refs: list[tuple[tuple[str | int, ...], str, str]] = [
            (("audiences", i, "start", j, "tool"), f"audiences[{i}].start[{j}].tool", s.tool)
            for j, s in enumerate(entry.start)
        ]
        refs += [(("audiences", i, "then", j), f"audiences[{i}].then[{j}]", t) for j, t in enumerate(entry.then)]
        for loc, name, tool in refs:  # loc: a path of keys and indexes into the file
            if tool not in tools:
                problem(loc, f"{name}: unknown tool {tool!r}")
            elif tool in seen:
                problem(loc, f"{name}: {tool!r} is already listed for {entry.audience}")
            seen.add(tool)
        if len(seen) > PACK_LIMIT:
            problem(
                ("audiences", i, "then"),
                f"audiences[{i}]: the print pack would hold {len(seen)} tools; keep start and then to {PACK_LIMIT} "
                "at most",
            )
    where: dict[str, str] = {}
    for purpose, ids in parsed.purposes.items():
        for j, tool in enumerate(ids):
            loc = ("purposes", purpose, j)
            if tool not in tools:
                problem(loc, f"purposes.{purpose}[{j}]: unknown tool {tool!r}")
            elif tool in where:
                problem(loc, f"purposes.{purpose}[{j}]: {tool!r} is already under {where[tool]}")
            where.setdefault(tool, purpose)
    return issues
