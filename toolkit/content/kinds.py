"""The tool kinds: one class per kind, with its parts, owning what the kind does.

Each kind's class is the schema of its YAML (like every model, it forbids unknown fields) and
answers for its behaviour as methods: its ids and anchors, search entries, counts, the time
estimate, the printed height, the team view, what its template needs. No other module asks
which kind a tool is (tests/test_kinds.py), so a new kind is a class here, its templates, its
script and its tests. Shared types (Slug, Text, Audience, Source) are in model.py; the parts a
tool is made of (items, questions, fields, sections, flow and pathway pieces) in parts.py.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Annotated, Any, ClassVar, Generic, Literal

from pydantic import Field, field_validator, model_validator

from toolkit.content.model import Audience, GuideLink, Slug, Source, Strict, Text
from toolkit.content.parts import (
    DEFAULT_STATUSES,
    FlowQuestion,
    Item,
    ItemField,
    ItemT,
    Outcome,
    Question,
    ScaleLevel,
    Section,
    Stage,
    Status,
    TemplateField,
    slug_of,
)

# --------------------------------------------------------------------------- tools


class ToolBase(Strict):
    """What every tool has, whatever its kind."""

    id: Slug
    title: Text
    summary: Text
    audiences: list[Audience] = Field(min_length=1)
    source: Source
    version: int = Field(ge=1, description="Raise when the tool's items change meaning")
    intro: str | None = None
    notice: str | None = Field(
        default=None,
        description="Source notes for editors and curious readers (what the source says, what was missing and "
        "how it was rebuilt, what is the toolkit's own): shown under 'About this tool' at the foot of the tool",
    )
    provenance: Literal["paper", "rebuilt", "toolkit"] = Field(
        default="paper",
        description="Where the tool comes from: 'paper' (the source gives it), 'rebuilt' (rebuilt from the "
        "paper's text where our copy is incomplete) or 'toolkit' (the toolkit's own, built from the papers' "
        "advice); the last two are said in a few words at the top of the tool",
    )
    personal: bool = Field(
        default=False,
        description="The tool asks about the user's own experience: it carries the note on where to turn for "
        "support (local.yml 'support' replaces its text)",
    )
    related: list[Slug] = Field(default_factory=list)
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this tool had before: each gets a page that redirects here"
    )
    minutes: int | None = Field(
        default=None, ge=1, le=600, description="Time needed; estimated from the items when not given"
    )
    guides: list[GuideLink] = Field(
        default_factory=list, description="Guidance pages this tool comes from (linked from the tool)"
    )
    print_pages: int | None = Field(
        default=None,
        ge=1,
        le=40,
        description="Most A4 pages the tool may take printed blank (tests check it); "
        "without it a budget is estimated from the tool's size",
    )

    # What each kind does differently, as methods its class gives: a new kind gives them too.

    #: Minutes a reader needs per entry (see time_units) when the tool does not say how long it takes.
    MINUTES_PER_ENTRY: ClassVar[int] = 1
    #: Whether a reader fills the tool in (a pathway is read: it offers no print with answers).
    HAS_ANSWERS: ClassVar[bool] = True

    #: Ids the kind's page template gives its own parts, which no entry may take.
    PAGE_IDS: ClassVar[frozenset[str]] = frozenset()

    def id_locations(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """Yield every id inside the tool with where it is in the file; they share one namespace
        (anchors), checked for clashes by content/validate.py."""
        raise NotImplementedError

    def addressable(self) -> Iterator[tuple[tuple[str, ...], Any]]:
        """Yield (id path, part) for every part of the tool with an anchor on its page; the
        anchor is addresses.anchor(tool id, *id path)."""
        raise NotImplementedError

    def search_entries(self) -> Iterator[tuple[str, str, str]]:
        """Yield (id, title, text) for each searchable part: the title is what the part says (a
        question, an item, a field's label), the text what else goes with it."""
        raise NotImplementedError

    def entry_count(self) -> int:
        """How many entries the tool has (items, questions or fields; questions and outcomes; stages)."""
        raise NotImplementedError

    def time_units(self) -> int:
        """How many things a reader works through, for the time estimate."""
        raise NotImplementedError

    def time_needed(self) -> int:
        """Minutes the tool takes: as declared, else estimated from its entries, to 5 minutes."""
        if self.minutes:
            return self.minutes
        return max(5, 5 * round(self.time_units() * self.MINUTES_PER_ENTRY / 5))

    def print_body_mm(self, text: Callable[..., float]) -> float:
        """The rough printed height (mm) of the tool's own parts, blank; `text(words, chars per
        line)` is the height of a text (printables/budget.py adds the head and foot)."""
        raise NotImplementedError

    def offers_team_view(self) -> bool:
        """Whether the tool has answers several people's exports can be compared on (the team view)."""
        return False

    def answer_measure(self) -> tuple[str, list[tuple[str, str, list[str]]], list[tuple[str, str, list[str]]]]:
        """How answers compare: ("scale" | "status" | "tick" | "text"), ordered levels and levels set
        aside, each level (id, label, ids it had before)."""
        return "text", [], []

    def done_status(self) -> str:
        """The status word a tick saved before the tool had statuses shows as ("" if none)."""
        return ""

    def template_context(self) -> dict[str, Any]:
        """What the kind's page template needs beyond the tool itself."""
        return {}

    def printed_title(self) -> str:
        """The title a document made from the tool carries."""
        return self.title


class _Sectioned(ToolBase, Generic[ItemT]):
    """A tool whose entries are given flat as `items` or grouped as `sections`."""

    items: list[ItemT] | None = None
    sections: list[Section[ItemT]] | None = None
    team_view: bool = Field(
        default=True,
        description="Offer a team view that combines several people's exported answers (false: not offered)",
    )

    @model_validator(mode="after")
    def _one_of_items_or_sections(self):  # noqa: ANN202
        if (self.items is None) == (self.sections is None):
            raise ValueError("give either 'items' or 'sections', not both and not neither")
        if self.items is not None and not self.items:
            raise ValueError("'items' must not be empty")
        return self

    def all_sections(self) -> list[Section[ItemT]]:
        """Return the entries grouped in sections (a flat list is one untitled section)."""
        if self.sections is not None:
            return list(self.sections)
        section: Any = Section[self._item_type()]  # type: ignore[misc]
        return [section(id="items", title=self.title, items=self.items or [])]

    def entries(self) -> list[ItemT]:
        """Return every item, question or field in order."""
        return [e for s in self.all_sections() for e in s.items]

    def id_locations(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        if self.sections is not None:
            for i, s in enumerate(self.sections):
                yield s.id, ("sections", i, "id")
                for j, item in enumerate(s.items):
                    yield item.id, ("sections", i, "items", j, "id")
                    yield from self._part_ids(item, ("sections", i, "items", j))
        else:
            for j, item in enumerate(self.items or []):
                yield item.id, ("items", j, "id")
                yield from self._part_ids(item, ("items", j))

    def _part_ids(self, item: Any, loc: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
        for k, part in enumerate(getattr(item, "parts", [])):
            yield f"{item.id}-{part.id}", loc + ("parts", k, "id")
        for field in getattr(self, "item_fields", []):  # their anchors are item-field, like parts
            yield f"{item.id}-{field.id}", loc + ("id",)

    def addressable(self) -> Iterator[tuple[tuple[str, ...], Any]]:
        for section in self.sections or []:
            yield (section.id,), section
        for item in self.entries():
            yield (item.id,), item
            for part in getattr(item, "parts", []):
                yield (item.id, part.id), part

    def search_entries(self) -> Iterator[tuple[str, str, str]]:
        entries: list[Any] = self.entries()
        for entry in entries:
            title = getattr(entry, "text", None) or getattr(entry, "label", "")
            parts: list[Any] = getattr(entry, "parts", [])
            more = [
                getattr(entry, "hint", None) or "",
                getattr(entry, "guidance", None) or "",
                getattr(entry, "example", None) or "",
                *(part.text for part in parts),
            ]
            yield entry.id, str(title), " ".join(w for w in more if w)

    def entry_count(self) -> int:
        return len(self.entries())

    def time_units(self) -> int:
        return sum(max(1, len(getattr(e, "parts", []))) for e in self.entries())

    def print_body_mm(self, text: Callable[..., float]) -> float:
        mm = 0.0
        for section in self.all_sections():
            mm += (12 if self.sections is not None else 0) + text(section.intro)
            for e in section.items:
                mm += self._item_print_mm(e, text)
        return mm

    def _item_print_mm(self, item: Any, text: Callable[..., float]) -> float:
        raise NotImplementedError

    def offers_team_view(self) -> bool:
        return self.team_view

    def answer_rows(self) -> list[tuple[str, str, str]]:
        """(stored id, text, section title) for each entry answers are stored under, in page order."""
        out = []
        for section in self.all_sections():
            title = section.title if self.sections is not None else ""
            out += [(key, text, title) for entry in section.items for key, text in self._answer_keys(entry)]
        return out

    def _answer_keys(self, entry: Any) -> list[tuple[str, str]]:
        return [(entry.id, getattr(entry, "text", None) or entry.label)]

    @classmethod
    def _item_type(cls) -> type:
        raise NotImplementedError


class Checklist(_Sectioned[Item]):
    """Things to tick off; optionally a status per item."""

    kind: Literal["checklist"]
    # Text: a plain word, made a Status by _status_words (listed so editors' schemas accept it).
    statuses: bool | list[Status | Text] = Field(
        default=False,
        description="One status per item instead of a tick box. true: Not started / In progress / Done / "
        "Not applicable. Or the list's own words, e.g. [Meets, Working towards, Not yet] (the first counts "
        "as done), or entries {id, label, counts, moved_from}",
    )
    item_fields: list[ItemField] = Field(
        default_factory=list,
        description="Answer boxes repeated on every item, e.g. owner and target date of an action",
    )

    @field_validator("statuses", mode="before")
    @classmethod
    def _status_words(cls, value):  # noqa: ANN001, ANN206
        """A list of plain words becomes statuses whose ids are their slugs; the first counts as done."""
        if not isinstance(value, list):
            return value
        if len(value) < 2:
            raise ValueError("give at least two status words (or 'statuses: true' for the default ones)")
        out = [{"id": slug_of(v), "label": v} if isinstance(v, str) else v for v in value]
        if all(isinstance(v, str) for v in value):
            out[0]["counts"] = "done"
        return out

    @field_validator("statuses")
    @classmethod
    def _statuses_are_usable(cls, value):  # noqa: ANN001, ANN206
        if not isinstance(value, list):
            return value
        ids = [w.id for w in value]
        old = [m for w in value for m in w.moved_from]
        dupes = sorted({i for i in ids + old if (ids + old).count(i) > 1})
        if dupes:
            raise ValueError(f"status id {dupes[0]!r} is used twice (ids and moved_from must all differ)")
        for counts in ("done", "not-applicable"):
            if sum(w.counts == counts for w in value) > 1:
                raise ValueError(f"only one status may have 'counts: {counts}'")
        return value

    def status_words(self) -> list[Status]:
        """The status words items offer: none (tick boxes), the default ones, or the tool's own."""
        if self.statuses is True:
            return list(DEFAULT_STATUSES)
        return [w for w in self.statuses or [] if isinstance(w, Status)]

    @model_validator(mode="after")
    def _unique_item_fields(self):  # noqa: ANN202
        ids = [f.id for f in self.item_fields]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"item_fields: duplicate id {dupes[0]!r}")
        return self

    scale: list[ScaleLevel] | None = Field(
        default=None,
        description="Rate each item on these levels (a radio group) instead of ticking it",
    )

    @field_validator("scale")
    @classmethod
    def _scale_is_usable(cls, scale, info):  # noqa: ANN001, ANN206
        if scale is None:
            return scale
        if len(scale) < 2:
            raise ValueError("a scale needs at least two levels")
        ids = [level.id for level in scale]
        if len(set(ids)) != len(ids):
            raise ValueError(f"scale level ids must be unique (got {', '.join(ids)})")
        if info.data.get("statuses"):
            raise ValueError("give either 'scale' or 'statuses', not both")
        return scale

    @classmethod
    def _item_type(cls) -> type:
        return Item

    def answer_measure(self) -> tuple[str, list[tuple[str, str, list[str]]], list[tuple[str, str, list[str]]]]:
        """A checklist's status words are levels in the order the tool lists them; the word that
        counts as not applicable is set aside (it is no level)."""
        if self.scale:
            return "scale", [(lv.id, lv.label, []) for lv in self.scale], []
        words = self.status_words()
        if words:
            levels = [(w.id, w.label, list(w.moved_from)) for w in words if w.counts != "not-applicable"]
            aside = [(w.id, w.label, list(w.moved_from)) for w in words if w.counts == "not-applicable"]
            return "status", levels, aside
        return "tick", [], []

    def done_status(self) -> str:
        return next((w.id for w in self.status_words() if w.counts == "done"), "")

    def _item_print_mm(self, item: Any, text: Callable[..., float]) -> float:
        return 3 + text(item.text, 85) + text(item.hint, 100) + (5 if self.statuses else 0)


class Reflection(_Sectioned[Question]):
    """Questions with space to answer."""

    kind: Literal["reflection"]
    MINUTES_PER_ENTRY: ClassVar[int] = 4

    @classmethod
    def _item_type(cls) -> type:
        return Question

    def _answer_keys(self, entry: Any) -> list[tuple[str, str]]:
        if not entry.parts:  # a question with parts stores one answer per part, as q-part
            return super()._answer_keys(entry)
        return [(f"{entry.id}-{p.id}", f"{entry.text} \u2014 {p.text}") for p in entry.parts]

    def _item_print_mm(self, item: Any, text: Callable[..., float]) -> float:
        return 6 + text(item.text) + text(item.hint, 100) + (sum(8 + 22 for _ in item.parts) if item.parts else 30)


class Template(_Sectioned[TemplateField]):
    """Fields that make a printable document, such as a biography or job description."""

    kind: Literal["template"]
    document_title: Text
    contact_warning: bool = Field(
        default=False,
        description="Warn (never block) when an answer looks like a phone number, email or home address",
    )
    combined_title: Text | None = Field(
        default=None,
        description="Offer a printable sheet combining several people's exported documents, with this title (e.g. "
        "'Meet the team')",
    )

    MINUTES_PER_ENTRY: ClassVar[int] = 4

    @classmethod
    def _item_type(cls) -> type:
        return TemplateField

    def _item_print_mm(self, item: Any, text: Callable[..., float]) -> float:
        return 8 + text(item.guidance, 100) + text(item.example, 100) + (8 if item.input == "line" else 30)

    def printed_title(self) -> str:
        return self.document_title


class Flow(ToolBase):
    """A decision flow: questions whose answers lead to other questions or to outcomes."""

    kind: Literal["flow"]
    start: Slug
    questions: list[FlowQuestion] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)

    def edges(self) -> dict[str, list[str]]:
        """Node id -> ids it leads to (outcomes lead nowhere)."""
        graph = {q.id: [a.next for a in q.answers] for q in self.questions}
        graph.update({o.id: [] for o in self.outcomes})
        return graph

    def walk(self) -> list[str]:
        """The ids of every node reachable from the start, in breadth-first order."""
        graph = self.edges()
        order: list[str] = []
        seen: set[str] = set()
        todo = deque([self.start])
        while todo:
            node = todo.popleft()
            if node in seen or node not in graph:
                continue
            seen.add(node)
            order.append(node)
            todo.extend(graph[node])
        return order

    def numbering(self) -> dict[str, int]:
        """Number the nodes for the printed tree: reachable questions first in walk order."""
        questions = {q.id for q in self.questions}
        return {node: i + 1 for i, node in enumerate(n for n in self.walk() if n in questions)}

    PAGE_IDS: ClassVar[frozenset[str]] = frozenset({"outcomes"})

    def id_locations(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        for i, q in enumerate(self.questions):
            yield q.id, ("questions", i, "id")
            for j, a in enumerate(q.answers):
                yield f"{q.id}/{a.id}", ("questions", i, "answers", j, "id")
        for i, o in enumerate(self.outcomes):
            yield o.id, ("outcomes", i, "id")

    def addressable(self) -> Iterator[tuple[tuple[str, ...], Any]]:
        nodes: list[Any] = [*self.questions, *self.outcomes]
        for node in nodes:
            yield (node.id,), node

    def search_entries(self) -> Iterator[tuple[str, str, str]]:
        for q in self.questions:
            yield q.id, q.text, " ".join([q.hint or "", *(a.label for a in q.answers)])
        for o in self.outcomes:
            yield o.id, o.title, " ".join([o.text or "", *o.next_steps])

    def entry_count(self) -> int:
        return len(self.questions) + len(self.outcomes)

    def time_units(self) -> int:
        return len(self.questions)

    def print_body_mm(self, text: Callable[..., float]) -> float:
        mm = 10 + sum(10 + text(q.text) + text(q.hint) + 7 * len(q.answers) for q in self.questions)
        return mm + 12 + sum(16 + text(o.text) + 7 * len(o.next_steps) for o in self.outcomes)

    def template_context(self) -> dict[str, Any]:
        return {
            "numbers": self.numbering(),
            "outcome_ids": {o.id for o in self.outcomes},
            "labels": {q.id: q.text for q in self.questions} | {o.id: o.title for o in self.outcomes},
        }


class StageGroup(Strict):
    """A column of the pathway's map: stages that belong together, e.g. 'Before a job'."""

    id: Slug
    title: Text
    stages: list[Slug] = Field(min_length=1)


class Pathway(ToolBase):
    """Stages or levels with requirements and routes between them."""

    kind: Literal["pathway"]
    stages: list[Stage] = Field(min_length=1)
    groups: list[StageGroup] = Field(
        default_factory=list,
        description="The map's columns, left to right; without them the map is one column of every stage",
    )
    where_next: Slug | None = Field(
        default=None, description="A tool (usually a flow) that helps a reader find their stage, linked above the map"
    )

    def map_groups(self) -> list[tuple[str, list[Stage]]]:
        """The map's columns as (title, stages); one untitled column when no groups are given."""
        by_id = {s.id: s for s in self.stages}
        if not self.groups:
            return [("", list(self.stages))]
        return [(g.title, [by_id[i] for i in g.stages if i in by_id]) for g in self.groups]

    MINUTES_PER_ENTRY: ClassVar[int] = 3
    HAS_ANSWERS: ClassVar[bool] = False

    def id_locations(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        for i, s in enumerate(self.stages):
            yield s.id, ("stages", i, "id")

    def addressable(self) -> Iterator[tuple[tuple[str, ...], Any]]:
        for stage in self.stages:
            yield (stage.id,), stage

    def search_entries(self) -> Iterator[tuple[str, str, str]]:
        for s in self.stages:
            yield s.id, s.title, " ".join([s.summary, *s.requirements, *s.skills, *s.learning])

    def entry_count(self) -> int:
        return len(self.stages)

    def time_units(self) -> int:
        return len(self.stages)

    def print_body_mm(self, text: Callable[..., float]) -> float:
        mm = 0.0
        for s in self.stages:
            entries = [*s.requirements, *s.skills, *s.learning, *(r.label for r in s.routes)]
            mm += 22 + text(s.summary) + sum(2 + text(e) for e in entries)
        return mm

    def template_context(self) -> dict[str, Any]:
        return {"stage_titles": {s.id: s.title for s in self.stages}}


Tool = Annotated[Checklist | Reflection | Flow | Template | Pathway, Field(discriminator="kind")]
