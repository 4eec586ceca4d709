"""Content from Ball and Skinner (2021), *Raising the glass ceiling*: tools, diagrams and guidance.

The expected counts are the paper's own: every stage, responsibility, criterion and competency it
gives is an item, so a dropped or merged item changes a count here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.site.addresses import anchor

from .conftest import DOCS

PAPER = "raising-the-glass-ceiling"
CATALOG = load_catalog(DOCS)
GUIDES = ["index", "getting-into-peer-work", "senior-roles-and-beyond"]

#: tool id -> (kind, {section id: item count}); a pathway counts stages, a flow questions/outcomes.
EXPECTED = {
    "peer-career-pathway": ("pathway", {"stages": 18}),
    "where-am-i-next": ("flow", {"questions": 11, "outcomes": 18}),
    "job-description-and-person-specification": ("template", {
        "level": 1, "post-details": 10, "job-summary": 4, "values": 5,
        # Key responsibilities 1.1-1.14, 2.1-2.9, 3.1-3.7, 4.1-4.3
        "organisational-work": 14, "specialist-work": 9, "general": 7, "learning": 3,
        "supplementary": 16,
        # Person specification: essential + desirable in each factor row
        "spec-education": 3 + 2, "spec-experience": 9 + 3, "spec-skills": 20 + 2,
        "spec-attitudes": 8, "spec-other": 2,
    }),
    "entry-level-peer-post-requirements": ("checklist", {"recovery": 8, "identity": 4, "knowledge": 7, "recruiting": 10}),
    # Issue 21: a role design and development plan; the old checklist items are folded into fields.
    "senior-peer-support-worker-checklist": ("template", {"post": 2, "requirements": 4, "role": 4, "skills": 4, "knowledge": 5, "organisation": 2}),
    "lived-experience-practitioner-competencies": ("checklist", {"doing": 11, "leading": 6, "teaching": 7, "research": 10}),
    "direct-and-indirect-lived-experience-work": ("reflection", {"direct": 10, "indirect": 8, "balance": 2}),
    # Issue 21: new tools for what readers still missed.
    "recovery-story-marking-sheet": ("template", {"details": 3, "presentation": 3, "interview": 2, "summary": 2}),
    "senior-peer-development-programme": ("template", {"programme": 2, "leading-change": 3, "roots": 4, "skills": 4, "support": 2}),
    "lived-experience-practitioner-programme": ("template", {"foundation": 3, "pillars": 4, "access": 3}),
    "peer-post-pay-and-parity": ("template", {"posts": 4, "parity": 3}),
    "keeping-well-at-work-commitment": ("reflection", {"items": 5}),
    "career-framework-debates": ("reflection", {"framework": 2, "ownership": 3, "spectrum": 2}),
    "employer-actions-for-peer-careers": ("checklist", {"national": 6, "organisation": 11, "recruitment": 3, "culture": 3}),
    "considering-training-in-another-profession": ("reflection", {"reasons": 3, "what-changes": 3, "what-you-keep": 3}),
    # Issue 21 point 4: isolated posts and education routes.
    "only-peer-worker-in-the-team": ("checklist", {"footing": 3, "peers": 4, "supervision": 3, "learning": 3}),
    "peer-learning-and-education-plan": ("template", {"now": 2, "before": 2, "in-post": 3, "routes": 5, "plan": 3}),
}

#: diagram id -> the paper's figure(s) it redraws
DIAGRAMS = {
    "moyer-four-roles": "Figure 1",
    "peer-support-spectrum": "Figure 2",
    "peer-support-working-pathway": "Figure 3",
    "senior-peer-support-progression": "Figure 4",
    "senior-peer-support-worker-role": "Figure 5",
    "routes-into-other-professions": "Figure 6",
    "lived-experience-practitioner-pillars": "Figure 7",
    "lived-experience-researcher-routes": "Figures 8 and 9",
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_tool_from_the_paper_is_expected():
    from_paper = {i for i, e in CATALOG.tools.items() if e.tool.source.paper == PAPER}
    assert from_paper == set(EXPECTED)


@pytest.mark.parametrize("tool_id", sorted(EXPECTED))
def test_tool_exists_in_its_folder_with_the_expected_items(tool_id):
    entry = CATALOG.tool(tool_id)
    kind, counts = EXPECTED[tool_id]
    assert entry.tool.kind == kind and entry.src_uri == f"tools/career-pathway/{tool_id}.yml"
    if kind == "pathway":
        assert {"stages": len(entry.tool.stages)} == counts
    elif kind == "flow":
        assert {"questions": len(entry.tool.questions), "outcomes": len(entry.tool.outcomes)} == counts
    else:
        assert {s.id: len(s.items) for s in entry.tool.all_sections()} == counts
    assert entry.tool.related, "every tool links to related tools"


def test_pathway_covers_every_stage_and_connects_them():
    pathway = CATALOG.tool("peer-career-pathway").tool
    ids = [s.id for s in pathway.stages]
    for stage in ("involvement", "recovery-college-student", "volunteering", "peer-training",
                  "peer-support-worker", "senior-peer-support-worker", "advanced-practitioner",
                  "professional-lead", "educator", "researcher", "other-profession", "research-from-another-field"):
        assert stage in ids
    targets = {r.to for s in pathway.stages for r in s.routes}
    # Where people start: contact with services before any job, or (for researchers) another field.
    starts = {"involvement", "recovery-college-student", "mutual-aid", "placements", "research-from-another-field"}
    assert set(ids) - targets <= starts, "every later stage is reached by a route"
    assert all(s.summary for s in pathway.stages)
    worked = [s for s in pathway.stages if s.id not in {"director-roles"}]
    assert all(s.requirements and s.skills and s.learning for s in worked)


def _cycle(graph: dict[str, list[str]]) -> bool:
    state: dict[str, int] = {}

    def visit(node: str) -> bool:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1 or (nxt not in state and visit(nxt)):
                return True
        state[node] = 2
        return False

    return any(node not in state and visit(node) for node in graph)


def test_where_am_i_flow_reaches_every_outcome_without_loops():
    from toolkit.content import flows

    flow = CATALOG.tool("where-am-i-next").tool
    reached = flows.reachable(flow)
    assert {o.id for o in flow.outcomes} <= reached and {q.id for q in flow.questions} <= reached
    assert not _cycle(flow.edges())
    assert _cycle({"a": ["b"], "b": ["a"]})  # the check itself can fail


def test_job_description_keeps_the_assessment_key_for_every_criterion():
    tool = CATALOG.tool("job-description-and-person-specification").tool
    for section in tool.all_sections():
        if section.id.startswith("spec-"):
            for field in section.items:
                assert field.label.startswith(("Essential:", "Desirable:")), field.id
                assert any(k in (field.guidance or "") for k in ("A.", "A/I", "I/P", "A/other", "(A)")), field.id
        elif section.id != "level":
            assert all(f.example for f in section.items), section.id


@pytest.mark.parametrize("diagram_id", sorted(DIAGRAMS))
def test_each_figure_is_a_diagram_that_says_it_was_rebuilt(diagram_id):
    d = CATALOG.diagrams[diagram_id].diagram
    assert d.figure == DIAGRAMS[diagram_id] and d.source.paper == PAPER
    assert d.notice and ("missing" in d.notice or "lost" in d.notice)


def test_guides_build_link_to_every_tool_and_embed_every_diagram(built_site):
    linked: set[str] = set()
    figures: set[str] = set()
    for name in GUIDES:
        path = built_site / "guides" / "career-pathway" / ("" if name == "index" else name) / "index.html"
        page = soup(path)
        for a in page.select("article a[href]"):
            href = a["href"]
            if "/tools/" in href or href.startswith("../../tools/") or href.startswith("../../../tools/"):
                tool_id = href.rstrip("/").split("/")[-1]
                linked.add(tool_id)
                assert (built_site / "tools" / tool_id / "index.html").exists(), href
        figures |= {f["data-diagram"] for f in page.select("figure.tk-diagram")}
    assert set(EXPECTED) <= linked
    assert figures == set(DIAGRAMS)


def test_diagram_text_alternatives_describe_every_box(built_site):
    for name in GUIDES:
        folder = built_site / "guides" / "career-pathway" / ("" if name == "index" else name)
        page = soup(folder / "index.html")
        for figure in page.select("figure.tk-diagram"):
            d = CATALOG.diagrams[figure["data-diagram"]].diagram
            words = figure.select_one(".tk-diagram-text").get_text(" ", strip=True)
            for column in d.columns:
                for node in column.nodes:
                    assert node.label in words, (d.id, node.id)
            assert figure.find("svg")["role"] == "img"
            href = figure.find_next_sibling(class_="tk-diagram-source").find("a")["href"]
            target, fragment = href.split("#", 1)
            assert fragment == PAPER and (folder / target / "index.html").resolve().exists(), href


def test_pathway_page_reads_whole_with_links_between_stages(built_site):
    pathway = CATALOG.tool("peer-career-pathway").tool
    page = soup(built_site / "tools" / "peer-career-pathway" / "index.html")
    ids = {el["id"] for el in page.find_all(id=True)}
    stages = page.select("[data-stage]")
    assert [s["data-stage"] for s in stages] == [s.id for s in pathway.stages]
    for link in page.select(".tk-routes a[href]"):
        assert link["href"].lstrip("#") in ids
    for link in page.select(".tk-intro a[href^='#']"):
        assert link["href"].lstrip("#") in ids, link["href"]
    assert anchor("peer-career-pathway", "senior-peer-support-worker") in ids


def test_glossary_defines_the_terms_the_guides_link_to(built_site):
    glossary = {el["id"] for el in soup(built_site / "glossary" / "index.html").find_all(id=True)}
    for name in GUIDES:
        path = built_site / "guides" / "career-pathway" / ("" if name == "index" else name) / "index.html"
        for a in soup(path).select("a[href*='glossary/#']"):
            assert a["href"].split("#", 1)[1] in glossary, a["href"]
