"""The parts tools are made of: items, questions, fields, sections, flow questions and outcomes,
pathway stages and routes, and the words a checklist's statuses use.

Each is the schema of its piece of a tool's YAML; the tool kinds that hold them, and what each kind
does with them, are in kinds.py.
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import Field

from toolkit.content.model import Slug, Strict, Text

#: An entry's ids before this one (an item, question, field, section...): old links and saved
#: answers still reach it. Never change a published id without it.
MovedFrom = Annotated[
    list[Slug], Field(default_factory=list, description="Ids this entry had before; old links still reach it")
]


class Item(Strict):
    """One checklist item."""

    id: Slug
    text: Text
    hint: str | None = None
    moved_from: MovedFrom


class ItemField(Strict):
    """An answer box that every item of a checklist gets, e.g. who owns a step and by when."""

    id: Slug
    label: Text
    input: Literal["line", "date"] = "line"


class ScaleLevel(Strict):
    """One point on a checklist's rating scale, e.g. 'not yet started'."""

    id: Slug
    label: Text


class Status(Strict):
    """One word a checklist item's status can be, e.g. 'Working towards'."""

    id: Slug
    label: Text
    counts: Literal["done", "not-applicable"] | None = Field(
        default=None,
        description="'done': progress counts items with this status as done; 'not-applicable': they leave the count",
    )
    moved_from: list[Slug] = Field(
        default_factory=list,
        description="Status ids this word had before (e.g. 'done'): answers saved with them show as this word",
    )


#: `statuses: true`: the words a checklist uses unless its YAML names its own. Their ids are
#: what earlier versions of the toolkit stored, so saved answers keep loading.
DEFAULT_STATUSES: tuple[Status, ...] = (
    Status(id="not-started", label="Not started"),
    Status(id="in-progress", label="In progress"),
    Status(id="done", label="Done", counts="done"),
    Status(id="na", label="Not applicable", counts="not-applicable"),
)


def slug_of(label: str) -> str:
    """A status word's id made from its label ('Working towards' -> 'working-towards')."""
    return "-".join("".join(c if c.isalnum() else " " for c in label.lower()).split())


class Part(Strict):
    """One sub-question of a reflection question, with its own answer box."""

    id: Slug
    text: Text


class Question(Strict):
    """One reflection question; with parts, each part gets its own answer box."""

    id: Slug
    text: Text
    hint: str | None = None
    parts: list[Part] = Field(default_factory=list)
    moved_from: MovedFrom


class TemplateField(Strict):
    """One field of a template: what to write and guidance on writing it."""

    id: Slug
    label: Text
    input: Literal["line", "text"] = "text"
    guidance: str | None = None
    example: str | None = None
    document: Literal["labelled", "text", "heading", "list", "omit"] = Field(
        default="labelled",
        description="How the answer appears in the finished document (preview, print and Word file): "
        "'labelled' under the field's label as a heading; 'text' as paragraphs without the label; "
        "'heading' as a heading itself (e.g. a name); 'list' as a bulleted list, one line a bullet; "
        "'omit' left out (notes for the writer, such as who reviewed it)",
    )
    moved_from: MovedFrom


ItemT = TypeVar("ItemT", Item, Question, TemplateField)


class Section(Strict, Generic[ItemT]):
    """A titled group of items, questions or fields within a tool."""

    id: Slug
    title: Text
    intro: str | None = None
    items: list[ItemT] = Field(min_length=1)
    moved_from: MovedFrom


class Answer(Strict):
    """One answer to a flow question and the node it leads to."""

    id: Slug
    label: Text
    next: Slug


class FlowQuestion(Strict):
    """A question in a decision flow."""

    id: Slug
    text: Text
    hint: str | None = None
    answers: list[Answer] = Field(min_length=2)
    moved_from: MovedFrom


class Outcome(Strict):
    """Where a decision flow ends: what it means and what to do next."""

    id: Slug
    title: Text
    text: Text
    next_steps: list[Text] = Field(default_factory=list)
    moved_from: MovedFrom


class Route(Strict):
    """A way from one pathway stage to another."""

    to: Slug
    label: Text


class Stage(Strict):
    """One stage or level of a career pathway."""

    id: Slug
    title: Text
    summary: Text
    requirements: list[Text] = Field(default_factory=list)
    skills: list[Text] = Field(default_factory=list)
    learning: list[Text] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    moved_from: MovedFrom
