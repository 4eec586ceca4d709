"""Content from ImROC Briefing Papers 17, 19 and 26: preparing organisations for peer support,
building a recovery-focused culture, and lived experience roles and strategy.

The expected counts are the sizes of the source lists (see each tool's `source`), so a dropped or
merged item fails here. Link tests read the one strictly built site from conftest.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.content import flows
from toolkit.content.catalog import load_catalog
from toolkit.content.kinds import Checklist, Flow, Template

from .conftest import DOCS

#: tool id -> (kind, paper, {section id: items} or total items, folder under docs/tools)
EXPECTED: dict[str, tuple[str, str, dict[str, int] | int, str]] = {
    # Paper 17
    "organisational-preparation-questions": ("checklist", "imroc-17", 11, "organisations"),
    "hr-occupational-health-checklist": (
        "checklist", "imroc-17",
        {"job-description": 9, "person-specification": 5, "recruitment": 6, "selection": 7,
         "dbs": 2, "employment-support": 6, "finances": 5},
        "organisations",
    ),
    "team-preparation-checklist": (
        "checklist", "imroc-17", {"before": 4, "workshop": 8, "readiness": 3, "afterwards": 2}, "organisations",
    ),
    "learning-development-checklist": (
        "checklist", "imroc-17",
        {"initial-training": 4, "further-topics": 9, "ongoing": 3, "all-staff": 8, "lived-experience-staff": 2},
        "organisations",
    ),
    "peer-supervision-checklist": (
        "checklist", "imroc-17",
        {"essentials": 3, "demands": 4, "dilemmas": 4, "purpose": 6, "types": 3, "models": 6, "decisions": 2},
        "organisations",
    ),
    "collective-voice-checklist": ("checklist", "imroc-17", 11, "organisations"),
    "why-prepare-readiness-check": ("reflection", "imroc-17", 6, "organisations"),  # issue 21: sections 3.1-3.6
    "peer-supervision-decision-aid": (
        "reflection", "imroc-17", {"purpose": 4, "who": 4, "how": 5, "decision": 1}, "organisations",
    ),
    # Paper 19
    "ten-top-tips-self-check": ("checklist", "imroc-19", 10, "recovery-culture"),
    "ten-top-tips-supervision": ("reflection", "imroc-19", 10, "recovery-culture"),
    "recovery-supervision-appraisal": (
        "reflection", "imroc-19", {"practice": 4, "success": 2, "feedback": 2}, "recovery-culture",
    ),
    "recognising-expertise-checklist": (
        "checklist", "imroc-19", {"everyday": 4, "upwards": 4, "expertise": 5}, "recovery-culture",
    ),
    "team-recovery-implementation-plan": (
        "checklist", "imroc-19",
        {"assets": 3, "benchmark": 3, "priorities": 3, "co-deliver": 3, "keep-going": 1},
        "recovery-culture",
    ),
    "person-in-their-life-conversation": (
        "reflection", "imroc-19", {"situation": 5, "courage": 3, "resources": 5, "goals": 2}, "recovery-culture",
    ),
    "recovery-little-things-discussion": (
        "reflection", "imroc-19", {"dilemmas": 4, "language": 4, "rules": 2, "messages": 4}, "recovery-culture",
    ),
    "recovery-leadership-reflection": ("reflection", "imroc-19", 4, "recovery-culture"),
    "bottom-up-change-check": ("reflection", "imroc-19", 6, "recovery-culture"),  # issue 21
    # Paper 26
    "lived-experience-role-proposal": (
        "template", "imroc-26", {"purpose": 3, "placing": 6, "impact": 5, "employment": 5}, "organisations",
    ),
    "lived-experience-markers-self-assessment": (
        "checklist", "imroc-26", {"presence": 5, "literacy": 7, "expertise": 4}, "organisations",
    ),
    "common-lived-experience-roles": ("reflection", "imroc-26", 7, "organisations"),
    "lived-experience-role-eligibility": (
        "template", "imroc-26", {"roles": 7, "eligibility": 6, "position": 3}, "organisations",
    ),
    "change-literacy-reflection": (
        "reflection", "imroc-26", {"blocks": 3, "change-literacy": 4, "new-value": 2}, "organisations",
    ),
    "lived-experience-challenges-discussion": (
        "reflection", "imroc-26", {"foundations": 2, "system": 3, "roles": 7}, "organisations",
    ),
    "lived-experience-strategy-planner": (
        "checklist", "imroc-26", {"presence": 6, "literacy": 5, "roles": 9, "leadership": 7}, "organisations",
    ),
}

FLOW_ID = "who-employs-peer-support-workers"

#: guide page (relative to docs/guides) -> tools it must link to
GUIDES: dict[str, list[str]] = {
    "preparing-organisations/index.md": [
        "organisational-preparation-questions", FLOW_ID, "hr-occupational-health-checklist",
        "team-preparation-checklist", "learning-development-checklist", "peer-supervision-checklist",
        "collective-voice-checklist", "why-prepare-readiness-check",
    ],
    "preparing-organisations/organisational-context.md": ["organisational-preparation-questions"],
    "preparing-organisations/employment-models.md": [FLOW_ID],
    "preparing-organisations/hr-and-occupational-health.md": ["hr-occupational-health-checklist"],
    "preparing-organisations/teams.md": ["team-preparation-checklist", "team-recovery-implementation-plan"],
    "preparing-organisations/learning-and-development.md": ["learning-development-checklist"],
    "preparing-organisations/supervision-and-collective-voice.md": [
        "peer-supervision-checklist", "collective-voice-checklist", FLOW_ID, "peer-supervision-decision-aid",
    ],
    "recovery-culture/index.md": [
        "ten-top-tips-self-check", "ten-top-tips-supervision", "person-in-their-life-conversation",
        "recovery-little-things-discussion", "recovery-supervision-appraisal",
        "recognising-expertise-checklist", "team-recovery-implementation-plan", "recovery-leadership-reflection",
        "bottom-up-change-check",
    ],
    "recovery-culture/supporting-staff.md": [
        "ten-top-tips-self-check", "ten-top-tips-supervision", "recovery-supervision-appraisal",
        "recognising-expertise-checklist",
    ],
    "recovery-culture/trip-and-leadership.md": ["team-recovery-implementation-plan", "recovery-leadership-reflection"],
    "lived-experience-roles/index.md": [
        "lived-experience-role-proposal", "lived-experience-markers-self-assessment",
        "common-lived-experience-roles", "lived-experience-challenges-discussion", "lived-experience-strategy-planner",
        "change-literacy-reflection", "lived-experience-role-eligibility",
    ],
    "lived-experience-roles/markers-and-roles.md": [
        "lived-experience-markers-self-assessment", "common-lived-experience-roles", "lived-experience-role-eligibility",
    ],
    "lived-experience-roles/developing-roles.md": ["lived-experience-role-proposal", "lived-experience-challenges-discussion"],
    "lived-experience-roles/strategy.md": ["lived-experience-strategy-planner"],
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DOCS)


# --------------------------------------------------------------------------- tools


def test_every_tool_has_an_expectation(catalog):
    mine = {
        e.tool.id for e in catalog.tools.values()
        if e.tool.source.paper in {"imroc-17", "imroc-19", "imroc-26"}
    }
    assert mine == set(EXPECTED) | {FLOW_ID}


@pytest.mark.parametrize("tool_id", sorted(EXPECTED))
def test_tool_exists_validates_and_has_every_source_item(catalog, tool_id):
    kind, paper, counts, folder = EXPECTED[tool_id]
    entry = catalog.tool(tool_id)  # load_catalog already validated and cross-checked it
    assert entry.src_uri == f"tools/{folder}/{tool_id}.yml"
    assert entry.tool.kind == kind
    assert entry.tool.source.paper == paper
    if isinstance(counts, int):
        assert len(entry.tool.entries()) == counts
    else:
        assert {s.id: len(s.items) for s in entry.tool.all_sections()} == counts
    assert entry.tool.related, "every tool links to related tools"


def test_ten_top_tips_supervision_asks_three_things_of_each_tip(catalog):
    tool = catalog.tool("ten-top-tips-supervision").tool
    self_check = catalog.tool("ten-top-tips-self-check").tool
    assert [q.id for q in tool.entries()] == [i.id for i in self_check.entries()]
    assert all([p.id for p in q.parts] == ["went-well", "harder", "develop"] for q in tool.entries())


def test_preparation_questions_each_link_to_the_guidance_that_answers_them(catalog):
    tool = catalog.tool("organisational-preparation-questions").tool
    assert isinstance(tool, Checklist) and tool.statuses
    for item in tool.entries():
        links = re.findall(r"\]\((\.\./guides/preparing-organisations/[\w-]+\.md)#([\w-]+)\)", item.hint or "")
        assert links, f"{item.id} has no link to a guide section"
        for page, anchor_id in links:
            text = (DOCS / "tools" / page).resolve().read_text(encoding="utf-8")
            assert f"{{ #{anchor_id} }}" in text, f"{item.id}: {page} has no heading #{anchor_id}"


def test_employment_flow_reaches_every_outcome_without_loops(catalog):
    flow = catalog.tool(FLOW_ID).tool
    assert isinstance(flow, Flow)
    assert flows.reachable(flow) == {q.id for q in flow.questions} | {o.id for o in flow.outcomes}
    assert not flows.dead_ends(flow)
    graph = flow.edges()

    def acyclic(node: str, path: tuple[str, ...]) -> bool:
        return node not in path and all(acyclic(n, path + (node,)) for n in graph[node])

    assert acyclic(flow.start, ())
    # The paper's three models (6.1 to 6.3) are all among the outcomes.
    outcomes = {o.id for o in flow.outcomes}
    assert {"external-employer", "commission-service", "in-house"} <= outcomes


def test_role_proposal_makes_a_document(catalog):
    tool = catalog.tool("lived-experience-role-proposal").tool
    assert isinstance(tool, Template)
    assert "proposal" in tool.document_title.lower()


def test_strategy_planner_has_owner_date_and_status_for_every_step(catalog):
    tool = catalog.tool("lived-experience-strategy-planner").tool
    assert isinstance(tool, Checklist) and tool.statuses
    assert [(f.id, f.input) for f in tool.item_fields] == [("owner", "line"), ("target-date", "date")]
    for section in tool.all_sections():
        assert section.intro and section.intro.lstrip().startswith("**Goal:**"), section.id


# --------------------------------------------------------------------------- built pages


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path, cache: dict[Path, _Links]) -> _Links:
    if path not in cache:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


def _guide_html(site: Path, guide: str) -> Path:
    stem = guide.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return site / "guides" / stem / "index.html"


@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_guide_page_builds_and_links_to_its_tools(built_site, guide):
    html = _guide_html(built_site, guide)
    assert html.exists(), guide
    hrefs = _parse(html, {}).hrefs
    for tool_id in GUIDES[guide]:
        assert any(re.search(rf"tools/{tool_id}/(#.*)?$", h) for h in hrefs), f"{guide} does not link to {tool_id}"


def test_every_link_in_these_guides_and_tools_resolves(built_site):
    """Links written inside tool text are rewritten per page; check they land on a real anchor."""
    cache: dict[Path, _Links] = {}
    pages = [_guide_html(built_site, g) for g in GUIDES]
    pages += [built_site / "tools" / t / "index.html" for t in [*EXPECTED, FLOW_ID]]
    broken = []
    for page in pages:
        for href in _parse(page, cache).hrefs:
            if re.match(r"^[a-z]+:|^//", href):
                continue
            path, _, fragment = href.partition("#")
            path = path.partition("?")[0]  # ?print=... is this page's print view
            target = Path(posixpath.normpath(str(page.parent / path))) if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href} (no page)")
            elif fragment and target.suffix == ".html" and fragment not in _parse(target, cache).ids:
                broken.append(f"{page.relative_to(built_site)}: {href} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_strategy_planner_page_has_owner_and_date_boxes_per_step(built_site, catalog):
    html = (built_site / "tools" / "lived-experience-strategy-planner" / "index.html").read_text(encoding="utf-8")
    for item in catalog.tool("lived-experience-strategy-planner").tool.entries():
        assert f'name="lived-experience-strategy-planner--{item.id}-owner"' in html
        assert re.search(rf'type="date"[^>]*name="lived-experience-strategy-planner--{item.id}-target-date"', html)


def test_glossary_has_terms_these_papers_use(catalog):
    ids = {t.id for t in catalog.glossary}
    needed = {
        "trip", "psw", "co-production", "vcse", "dbs", "permitted-work", "expert-by-experience",
        "lived-expertise", "transformational-leadership",
    }
    assert needed <= ids, sorted(needed - ids)


@pytest.mark.browser
def test_strategy_planner_steps_have_labelled_owner_and_date_boxes_in_a_browser(page, site_server, catalog):
    """Every step's owner and target-date boxes are visible and named by their label."""
    page.goto(f"{site_server}/tools/lived-experience-strategy-planner/")
    steps = catalog.tool("lived-experience-strategy-planner").tool.entries()
    owners = page.get_by_role("textbox", name="Owner", exact=True)
    assert owners.count() == len(steps)
    for step in steps[:3] + steps[-2:]:
        box = page.locator(f"#lived-experience-strategy-planner--{step.id}-target-date-input")
        assert box.is_visible()
        assert box.get_attribute("type") == "date"
        box.fill("2026-12-01")
        assert box.input_value() == "2026-12-01"
