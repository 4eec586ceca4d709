"""The content model: tool kinds, their parts and the papers they cite.

This module is the one source of truth for what a tool file may contain. Everything
else reads it; it reads nothing of ours. Every model forbids unknown fields, so a typo
in a YAML key is an error rather than silently ignored data.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

#: A stable identifier: lower-case words joined by single hyphens. Answers, links and
#: downloads hang on these, so they never change when wording does.
#: Slugs that browsers' JavaScript objects already own: stored answers are keyed by id, and
#: imports refuse these keys, so no tool or item may be called by them.
RESERVED_IDS = frozenset({"constructor", "prototype"})


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"{value!r} is reserved (browsers' JavaScript objects use the name); choose another id")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=64),
    AfterValidator(_not_reserved),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

#: Who a tool is for: id -> label shown on the site.
AUDIENCES: dict[str, str] = {
    "practitioner": "Practitioners",
    "peer-support-worker": "Peer support workers",
    "team-leader": "Team leaders and managers",
    "hr-occupational-health": "HR and occupational health",
    "trainer": "Trainers and educators",
    "director": "Directors and boards",
    "commissioner": "Commissioners",
}


def audience_in_text(audience: str) -> str:
    """An audience's label inside a sentence ("for practitioners, HR and occupational health"):
    lower case, except words that are always written in capitals (HR)."""
    return " ".join(w if w.isupper() else w.lower() for w in AUDIENCES[audience].split())


Audience = Literal[
    "practitioner",
    "peer-support-worker",
    "team-leader",
    "hr-occupational-health",
    "trainer",
    "director",
    "commissioner",
]

#: Tool kind -> label shown on the site.
KINDS: dict[str, str] = {
    "checklist": "Checklist",
    "reflection": "Reflection questions",
    "flow": "Decision flow",
    "template": "Template",
    "pathway": "Career pathway",
}

#: Tool kind -> heading for a group of tools of that kind.
KIND_GROUPS: dict[str, str] = {
    "checklist": "Checklists",
    "reflection": "Reflection questions",
    "flow": "Decision flows",
    "template": "Templates",
    "pathway": "Career pathways",
}


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- papers


class Paper(Strict):
    """One source paper, with what a reference list needs."""

    id: Slug
    short: Text = Field(description="Short citation shown on tool pages, e.g. 'ImROC Briefing Paper 20'")
    title: Text
    authors: list[Text] = Field(min_length=1)
    year: str | None = Field(default=None, description="Year, or 'n.d. [c. 2020]' when the paper has none")
    series: str | None = None
    publisher: str | None = None
    place: str | None = None
    url: str | None = None
    seed: str | None = Field(default=None, description="Which seed file and lines hold the text")
    notes: str | None = Field(default=None, description="Gaps or flaws in the text we have")


class PaperRegistry(Strict):
    """The papers file: every paper a tool may cite."""

    papers: list[Paper] = Field(min_length=1)


# --------------------------------------------------------------------------- parts


class Source(Strict):
    """Where in a paper a tool comes from."""

    paper: Slug
    section: Text = Field(description="Section heading in the paper")
    locator: str | None = Field(default=None, description="Table, box or figure, e.g. 'Table 1'")


class GuideLink(Strict):
    """A guidance page a tool comes from, shown as a link on the tool."""

    page: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.md$")] = Field(
        description="Path of the page under docs/, e.g. 'guides/personal-experience/index.md'"
    )
    title: Text


class Item(Strict):
    """One checklist item."""

    id: Slug
    text: Text
    hint: str | None = None
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
    )


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


def _slug_of(label: str) -> str:
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
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
    )


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
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
    )


ItemT = TypeVar("ItemT", Item, Question, TemplateField)


class Section(Strict, Generic[ItemT]):
    """A titled group of items, questions or fields within a tool."""

    id: Slug
    title: Text
    intro: str | None = None
    items: list[ItemT] = Field(min_length=1)
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
    )


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
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
    )


class Outcome(Strict):
    """Where a decision flow ends: what it means and what to do next."""

    id: Slug
    title: Text
    text: Text
    next_steps: list[Text] = Field(default_factory=list)
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
    )


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
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this entry had before; old links still reach it"
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
        out = [{"id": _slug_of(v), "label": v} if isinstance(v, str) else v for v in value]
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


# --------------------------------------------------------------------------- learning paths


class PathStep(Strict):
    """One step of a learning path: a tool or a page, and how long it takes."""

    tool: Slug | None = Field(default=None, description="A tool id")
    page: str | None = Field(
        default=None,
        description="A page relative to docs/, optionally with an anchor, e.g. 'index.md#who-it-is-for'",
        pattern=r"^[\w./-]+\.md(#[\w-]+)?$",
    )
    title: str | None = Field(default=None, description="Shown instead of the tool's title; required for a page")
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=600,
        description="Estimated time for the step, in minutes; for a tool, defaults to the tool's own estimate",
    )
    note: str | None = Field(default=None, description="What to do in this step (Markdown)")

    @model_validator(mode="after")
    def _one_target(self):  # noqa: ANN202
        if (self.tool is None) == (self.page is None):
            raise ValueError("give either 'tool' or 'page', not both and not neither")
        if self.page is not None and not self.title:
            raise ValueError("a page step needs a 'title'")
        if self.page is not None and self.minutes is None:
            raise ValueError("a page step needs 'minutes' (a tool step takes the tool's own estimate)")
        return self


class AgendaItem(Strict):
    """One block of a group session's timetable: how long it takes and what happens."""

    minutes: int = Field(ge=1, le=480, description="Length of this block in minutes")
    activity: Text = Field(description="What the group does (Markdown)")
    step: int | None = Field(default=None, ge=1, description="The path step it uses (1 = the first), if any")
    scenario: Slug | None = Field(
        default=None, description="The scenario card it uses, if any (one of the session's scenarios)"
    )


class Session(Strict):
    """A learning path run as a group session: the facilitator's plan and the participants' handout."""

    length: int = Field(ge=15, le=480, description="Length of the session in minutes; the agenda must add up to it")
    group: Text = Field(description="Who and how many, e.g. 'eight to twelve staff from one team'")
    facilitators: Text = Field(description="Who runs it, e.g. 'two facilitators, one with lived experience'")
    aims: list[Text] = Field(min_length=1, description="What the session is for")
    outcomes: list[Text] = Field(min_length=1, description="What participants will be able to do by the end")
    agenda: list[AgendaItem] = Field(min_length=1, description="The timetable, in order")
    materials: list[Text] = Field(min_length=1)
    setup: Text = Field(description="How to set out the room")
    ground_rules: list[Text] = Field(min_length=1, description="Agreed with the group at the start")
    confidentiality: Text = Field(description="What stays in the room, and what cannot")
    distress: Text = Field(description="What to do if someone becomes distressed, for this session")
    scenarios: list[Slug] = Field(
        min_length=2, max_length=3, description="Scenario card ids the session uses (two or three)"
    )
    debrief: list[Text] = Field(min_length=1, description="Questions for the closing debrief")
    handout_points: list[Text] = Field(
        min_length=1, max_length=6, description="Key points for the one-page participant handout"
    )
    take_away: list[Text] = Field(
        default_factory=list, max_length=4, description="Questions participants take to supervision (on the handout)"
    )


class LearningPath(Strict):
    """An induction or learning path: ordered steps through tools and pages."""

    id: Slug
    title: Text
    summary: Text
    audiences: list[Audience] = Field(min_length=1)
    steps: list[PathStep] = Field(min_length=1)
    handout_intro: str | None = Field(default=None, description="Shown at the top of the printed handout")
    session: Session | None = Field(
        default=None, description="For a path run as a group session: the facilitator plan and participant handout"
    )
    personal: bool = Field(
        default=False,
        description="A session plan that asks people about their own experience: it carries the note on where "
        "to turn for support (local.yml 'support' replaces its text)",
    )


# --------------------------------------------------------------------------- scenario cards


class ScenarioCard(Strict):
    """A situation, dilemma or case example from a paper, told in our own words, for discussion."""

    id: Slug
    title: Text
    situation: Text = Field(description="What happens, summarised in our own words; name roles, never people")
    hard: list[Text] = Field(min_length=1, max_length=4, description="What makes it hard")
    prompts: list[Text] = Field(min_length=2, max_length=4, description="Questions for discussion")
    tools: list[Slug] = Field(default_factory=list, max_length=4, description="Ids of tools that help")
    audiences: list[Audience] = Field(default_factory=list)
    source: Source
    illustration: bool = Field(
        default=False,
        description="True when the situation is the toolkit's own, built from points the paper makes in general terms",
    )
    notice: str | None = Field(default=None, description="E.g. that the case is a composite of the paper's examples")
    moved_from: list[Slug] = Field(
        default_factory=list, description="Ids this card had before: each gets a page that redirects here"
    )


#: What a reader wants to do with a tool: the groups of each role's page, in this order.
PURPOSES: dict[str, str] = {
    "prepare": "Prepare",
    "reflect": "Reflect and talk it through",
    "decide": "Decide",
    "plan": "Plan",
    "recruit": "Recruit and employ",
    "assess": "Check where you are",
}
Purpose = Literal["prepare", "reflect", "decide", "plan", "recruit", "assess"]


class StartTool(Strict):
    """One of the tools a role's page opens with."""

    tool: Slug
    when: Text = Field(description="One line on when to use it, e.g. 'Before a conversation in which you might share'")


class AudienceStart(Strict):
    """What a role's page opens with, and what its print pack adds to it."""

    audience: Audience
    start: list[StartTool] = Field(min_length=3, max_length=5, description="Three to five tools chosen for this role")
    then: list[Slug] = Field(
        default_factory=list, description="The few tools that follow from them, for the role's print pack"
    )


class AudiencesFile(Strict):
    """docs/audiences.yml: each role's start-here tools, and what each tool is for."""

    audiences: list[AudienceStart] = Field(min_length=1)
    purposes: dict[Purpose, list[Slug]] = Field(
        default_factory=dict,
        description="Tools whose purpose is not the one their kind implies (checklist: assess, reflection: reflect, "
        "flow: decide, template and pathway: plan)",
    )


# --------------------------------------------------------------------------- local overlay


Colour = Annotated[str, StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]


class Colours(Strict):
    """The organisation's colours, as #rgb or #rrggbb."""

    primary: Colour
    accent: Colour | None = None


class Contact(Strict):
    """Who to contact locally about the toolkit."""

    team: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None


class LocalLink(Strict):
    """A link to a local policy or resource."""

    title: Text
    url: Text
    note: str | None = None


class Organisation(Strict):
    """The organisation hosting the toolkit."""

    name: Text
    logo: str | None = Field(default=None, description="Image file relative to the overlay folder")
    colours: Colours | None = None
    contact: Contact | None = None


class AccessibilityStatement(Strict):
    """local/local.yml `accessibility`: what the organisation publishing the toolkit fills in on its
    accessibility statement (UK public-sector bodies must publish one). Left out: the page shows
    clearly marked gaps to fill."""

    prepared: str | None = Field(default=None, description="When the statement was prepared, e.g. '3 March 2027'")
    reviewed: str | None = Field(default=None, description="When it was last reviewed")
    compliance: Literal["full", "partial", "none"] | None = Field(
        default=None, description="How this copy of the site meets WCAG 2.2 AA, once tested: full, partial or none"
    )
    tested: str | None = Field(default=None, description="Who tested this copy of the site, when and how")
    contact: str | None = Field(
        default=None, description="How to report a problem or ask for another format (else the organisation's contact)"
    )
    response: str | None = Field(default=None, description="How soon you reply, e.g. 'within 10 working days'")
    known_issues: list[Text] = Field(
        default_factory=list, description="Problems found in this copy of the site, in plain words"
    )
    enforcement: Literal["ehrc", "ecni"] = Field(
        default="ehrc",
        description="Who enforces the regulations where you are: ehrc (England, Scotland, Wales) or ecni (Northern "
        "Ireland)",
    )


class LocalOverlay(Strict):
    """local/local.yml: a training department's changes, kept apart from shipped files."""

    organisation: Organisation
    site_name: str | None = Field(default=None, description="Replaces the site's name in the header")
    policies: list[LocalLink] = Field(default_factory=list, description="Links to local policies")
    hide_tools: list[Slug] = Field(default_factory=list, description="Shipped tools not offered here")
    papers: list[Paper] = Field(default_factory=list, description="Extra papers that local tools cite")
    accessibility: AccessibilityStatement | None = Field(
        default=None, description="Fills in the accessibility statement page"
    )
    support: str | None = Field(
        default=None,
        description="Where to turn for support (Markdown): replaces the shipped note on tools and session plans "
        "that ask about people's own experience, e.g. with your employee assistance programme's number",
    )


# --------------------------------------------------------------------------- glossary


class Term(Strict):
    """A term or abbreviation the papers use, defined once for the whole site."""

    id: Slug
    term: Text = Field(description="As written in text, e.g. 'PSW' or 'co-production'")
    stands_for: str | None = Field(default=None, description="For abbreviations: what the letters stand for")
    definition: Text
    also: list[Text] = Field(default_factory=list, description="Other spellings and synonyms, found by search")


class GlossaryFile(Strict):
    """The glossary file: every term, each with a stable id."""

    terms: list[Term] = Field(min_length=1)


# --------------------------------------------------------------------------- diagrams
# A diagram is data (docs/diagrams/**/<id>.yml) drawn at build time as inline SVG with a
# text alternative; see toolkit/diagrams.py. Added for the career-pathway figures.

#: Box styles a diagram category or band may use; their colours live in diagrams.STYLES.
DiagramStyle = Literal["grey", "dark-blue", "light-blue", "white", "red", "green", "amber", "purple"]


class DiagramCategory(Strict):
    """A kind of box in a diagram, shown in the legend and named in the text alternative."""

    id: Slug
    label: Text
    style: DiagramStyle = "white"
    description: str | None = None


class DiagramNode(Strict):
    """One box: a role, a stage or an idea."""

    id: Slug
    label: Text
    category: Slug | None = None
    detail: str | None = Field(default=None, description="A shorter second line, also read out in the text")


class DiagramColumn(Strict):
    """A column of boxes, drawn left to right in the order given."""

    id: Slug
    title: Text
    nodes: list[DiagramNode] = Field(min_length=1)


class DiagramEdge(Strict):
    """An arrow from one box to another."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: Slug = Field(alias="from")
    to: Slug
    label: str | None = None
    dashed: bool = Field(default=False, description="Draw a dashed arrow, e.g. for a less common route")


class DiagramBand(Strict):
    """A long arrow under the columns, for something that runs through every stage."""

    label: Text
    style: DiagramStyle = "red"
    start: Slug | None = Field(default=None, description="First column it spans (default: the first)")
    end: Slug | None = Field(default=None, description="Last column it spans (default: the last)")


class Diagram(Strict):
    """A figure drawn from data: columns of boxes, arrows between them and bands beneath."""

    id: Slug
    title: Text
    figure: str | None = Field(default=None, description="The paper's figure number, e.g. 'Figure 3'")
    source: Source
    summary: Text = Field(description="What the diagram shows, in a paragraph: the start of its text alternative")
    notice: str | None = Field(default=None, description="E.g. that the figure was rebuilt from the paper's text")
    categories: list[DiagramCategory] = Field(default_factory=list)
    columns: list[DiagramColumn] = Field(min_length=1)
    edges: list[DiagramEdge] = Field(default_factory=list)
    bands: list[DiagramBand] = Field(default_factory=list)
