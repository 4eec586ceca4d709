"""YAML with line numbers -> model objects, with every problem as `path:line: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from toolkit.content.issue import ContentError, Issue, dotted
from toolkit.content.kinds import Tool
from toolkit.content.model import KINDS, GlossaryFile, PaperRegistry, Term

Loc = tuple[Any, ...]
M = TypeVar("M")

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The C safe loader with YAML 1.2 booleans: only true/false, so `yes`, `no`, `on`
    and `off` stay strings (natural ids for flow answers)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), [_first]
    )
TOOL_ADAPTER: TypeAdapter[Any] = TypeAdapter(Tool)


@dataclass
class LineMap:
    """Where each key and list entry of a YAML document starts (1-based lines)."""

    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """Return the line of `loc`, or of its nearest ancestor present in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: str, issues: list[Issue]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                issues.append(Issue(path, key_node.start_mark.line + 1, f"{dotted(loc)}: a key must be plain text"))
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                issues.append(
                    Issue(path, line, f"{dotted(loc + (key,))}: duplicate key (first given on line {seen[key]})")
                )
                continue
            seen[key] = line
            lines[loc + (key,)] = line
            _walk(value_node, loc + (key,), lines, path, issues)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            lines[loc + (index,)] = child.start_mark.line + 1
            _walk(child, loc + (index,), lines, path, issues)


#: Content files are small; anything bigger is a mistake (or an attack) and is refused unread.
MAX_BYTES = 1_000_000


def _refuse_aliases(text: str, path: str) -> None:
    """Refuse YAML anchors and aliases: they are never needed in content and make
    "billion laughs" documents that expand exponentially."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark is not None else 1
            raise ContentError(
                [
                    Issue(
                        path,
                        line,
                        "YAML anchors and aliases (& and *) are not allowed in content files; write the value out",
                    )
                ]
            )


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for line numbers) and the data built from it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def read_yaml(file: Path, path: str) -> tuple[Any, LineMap]:
    """Parse one YAML file; raise :class:`ContentError` on syntax errors or duplicate keys."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise ContentError([Issue(path, 1, f"file is {size:,} bytes; a content file may be at most {MAX_BYTES:,}")])
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = file.read_bytes()[: exc.start].count(b"\n") + 1
        raise ContentError([Issue(path, line, f"not UTF-8 text ({exc.reason})")]) from None
    try:
        _refuse_aliases(text, path)
        node, data = _compose_and_construct(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "cannot parse"
        if exc.context and exc.context_mark is not None:
            what += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise ContentError([Issue(path, line, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Issue(path, 1, f"YAML error: {exc}")]) from None
    lines: dict[Loc, int] = {}
    issues: list[Issue] = []
    if node is not None:
        try:
            _walk(node, (), lines, path, issues)
        except RecursionError:
            raise ContentError([Issue(path, 1, "the document is nested too deeply")]) from None
    if issues:
        raise ContentError(issues)
    return data, LineMap(lines)


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_pattern_mismatch": "must be a slug: lower-case letters and digits joined by single hyphens",
    "too_short": None,
}


def _message(err: Any) -> str:  # a pydantic ErrorDetails
    kind = err["type"]
    if kind == "union_tag_not_found":
        return "required field is missing (one of: " + ", ".join(KINDS) + ")"
    if kind == "string_pattern_mismatch" and "[a-z0-9]+(?:-[a-z0-9]+)*" not in str(
        err.get("ctx", {}).get("pattern", "")
    ):
        return err["msg"]  # a pattern other than the slug's (e.g. a colour): say what it must match
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "union_tag_invalid":
        return f"unknown kind {err['input'].get('kind')!r} (one of: " + ", ".join(KINDS) + ")"
    return _MESSAGES.get(kind) or err["msg"]


def _clean_loc(loc: Loc) -> Loc:
    # Discriminated unions put the tag in the location; generics put type names there.
    return tuple(p for p in loc if not (isinstance(p, str) and (p in KINDS or "[" in p)))


def validation_issues(exc: ValidationError, path: str, lines: LineMap) -> list[Issue]:
    """Turn pydantic's errors into `path:line: field: message` issues."""
    issues = []
    for err in exc.errors():
        loc = _clean_loc(err["loc"])
        if err["type"].startswith("union_tag_"):
            loc = loc + ("kind",)
        label = dotted(loc)
        issues.append(Issue(path, lines.line(loc), f"{label}: {_message(err)}"))
    return sorted(set(issues))


def parse(model: type[M] | TypeAdapter[M], data: Any, path: str, lines: LineMap) -> M:
    """Validate `data` against a model; raise :class:`ContentError` with located issues."""
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        raise ContentError([Issue(path, lines.line(()), f"expected a mapping of fields, found {found}")])
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(data)
        assert issubclass(model, BaseModel)
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(validation_issues(exc, path, lines)) from None


@dataclass
class Loaded:
    """A tool together with where it came from."""

    tool: Any  # one of the Tool kinds
    path: str  # for messages, e.g. docs/tools/before-you-share.yml
    src_uri: str  # relative to docs/, e.g. tools/before-you-share.yml
    lines: LineMap

    def line(self, *loc: Any) -> int:
        """Return the line where `loc` (e.g. 'items', 2, 'id') is given."""
        return self.lines.line(loc)


def load_tool(file: Path, path: str, src_uri: str) -> Loaded:
    """Load and validate one tool file."""
    data, lines = read_yaml(file, path)
    tool = parse(TOOL_ADAPTER, data, path, lines)
    return Loaded(tool, path, src_uri, lines)


def load_papers(file: Path, path: str) -> tuple[PaperRegistry, LineMap]:
    """Load and validate the paper registry."""
    data, lines = read_yaml(file, path)
    return parse(PaperRegistry, data, path, lines), lines


def load_glossary(file: Path, path: str) -> list[Term]:
    """Load the glossary; the same id or term twice is an error."""
    data, lines = read_yaml(file, path)
    glossary = parse(GlossaryFile, data, path, lines)
    issues: list[Issue] = []
    ids: dict[str, int] = {}
    terms: dict[str, int] = {}
    for i, term in enumerate(glossary.terms):
        for key, seen, what in ((term.id, ids, "id"), (term.term.lower(), terms, "term")):
            if key in seen:
                issues.append(
                    Issue(
                        path,
                        lines.line(("terms", i, what)),
                        f"terms[{i}].{what}: {getattr(term, what)!r} is already defined on line {seen[key]}",
                    )
                )
            else:
                seen[key] = lines.line(("terms", i, what))
    if issues:
        raise ContentError(issues)
    return list(glossary.terms)
