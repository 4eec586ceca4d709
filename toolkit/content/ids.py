"""Ids of content files: each file's id matches its file name and is unique across its kind.

Tools, diagrams and learning paths all follow the rule, so links and stored answers can hang
on the id while authors find the file by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from toolkit.content.issue import Issue


@dataclass(frozen=True)
class FileId:
    """Where one content file declares its id."""

    id: str
    file: str  # the file's name as shown in messages
    line: int  # the line of its `id:`


def check_file_ids(records: Iterable[FileId], noun: str) -> list[Issue]:
    """One issue per id that differs from its file name or repeats another file's id."""
    issues: list[Issue] = []
    first: dict[str, FileId] = {}
    for rec in records:
        stem = PurePosixPath(rec.file.replace("\\", "/")).name.removesuffix(".yml")
        if rec.id != stem:
            issues.append(Issue(rec.file, rec.line, f"id: {rec.id!r} must match the file name ({stem!r})"))
        if rec.id in first:
            other = first[rec.id]
            issues.append(
                Issue(rec.file, rec.line, f"id: duplicate {noun} id {rec.id!r} (also in {other.file}:{other.line})")
            )
        else:
            first[rec.id] = rec
    return issues
