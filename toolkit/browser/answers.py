"""The answers the browser keeps (localStorage) and the export file, as a versioned format.

The core (toolkit/browser/core: storage.js, transfer.js) writes and reads it; this model documents
it and gives `answers.schema.json`, which the tests check the shipped fixtures
(tests/fixtures/stored/vN) and real exports against.

Format 1 (the first one shipped): records without a `format` field; export `version: 1`.
Format 2: each record carries `format: 2` and checklist ratings survive an import.
A newer site reads every older format (core/storage.js upgrades one step at a time).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: The `format` marker of an export file and the newest format version the core writes.
FILE_FORMAT = "lived-experience-toolkit-answers"
CURRENT = 2
#: Limits an import enforces (core/storage.js: MAX, LONG and the id check).
MAX_FILE_BYTES = 5_000_000
MAX_VALUE_CHARS = 200_000

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=200)]
#: Keys that are not ids (__proto__, <script>, ...) make a file invalid.
ONLY_IDS: dict[str, Any] = {"additionalProperties": False}
Value = Annotated[str, StringConstraints(max_length=MAX_VALUE_CHARS)]


class Answer(BaseModel):
    """One item's answer, under its item id (reflection parts: `<question>-<part>`)."""

    model_config = ConfigDict(extra="forbid")
    label: Value | None = Field(None, description="The item's wording when answered (shown if the item is removed)")
    text: Value | None = Field(
        None, description="Reflection, template or item field (`<item>-<field>`) answer; a flow answer's label"
    )
    note: Value | None = Field(None, description="Checklist note")
    status: Value | None = Field(None, description="Checklist status: in-progress, done or na")
    rating: Value | None = Field(None, description="Checklist rating: the scale level id")
    answer: Value | None = Field(None, description="Flow: the answer id chosen at this question")
    checked: bool | None = Field(None, description="Checklist: ticked")


class ToolAnswers(BaseModel):
    """The record kept in localStorage under `tk:tool:<tool id>`."""

    model_config = ConfigDict(extra="forbid")
    tool: Id
    kind: Value
    title: Value
    version: int = Field(ge=1, description="The tool's content version when answered (not the storage format)")
    updated: Value = Field(description="When last changed (ISO 8601), or empty")
    format: Literal[2] | None = Field(None, description="Storage format version; absent in format 1")
    items: dict[Id, Answer] = Field(json_schema_extra=ONLY_IDS)


Name = Annotated[str, StringConstraints(max_length=100)]


class TeamMember(BaseModel):
    """One person's answers in team view's combined file."""

    model_config = ConfigDict(extra="forbid")
    person: Name | None = None
    tools: dict[Id, ToolAnswers] = Field(json_schema_extra=ONLY_IDS)


class AnswersFile(BaseModel):
    """An export file ("Export this tool" / "Export all my answers")."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["lived-experience-toolkit-answers"]
    version: Literal[1, 2] = Field(description="Format version of the file and of every record in it")
    exported: Value
    tools: dict[Id, ToolAnswers] = Field(json_schema_extra=ONLY_IDS)
    person: Name | None = Field(None, description="Name or initials the person typed when exporting (for team view)")
    people: list[TeamMember] | None = Field(
        None, description="Team view's combined file: each person's own answers, as their file had them"
    )
