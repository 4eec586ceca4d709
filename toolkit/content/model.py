"""The content model: the papers, learning paths, cards, roles, the local overlay, the glossary
and diagrams, and the types every file shares; the tool kinds are in kinds.py, on this floor.

With kinds.py, this module is the one source of truth for what a content file may contain.
Everything else reads it; it reads nothing of ours. Every model forbids unknown fields, so a typo
in a YAML key is an error rather than silently ignored data.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
