"""Content: sharing personal experience (ImROC Briefing Paper 20 and the IPS Grow paper).

The tools exist where they should, cite the right paper, keep every item of their source list,
connect to each other and to their guidance; the decision flow has every outcome the issue asks
for, reachable and without loops; the guidance pages build and link to every tool.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content import flows
from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError

from .conftest import DOCS
from .scratch import scratch_docs

CATALOG = load_catalog(DOCS)
AREA = "tools/personal-experience/"
GUIDES = "guides/personal-experience"
P20 = "imroc-20"
IPS = "ips-grow-personal-experience"

# tool id -> (kind, paper, entries): entries are items / questions / fields, counted from the
# source list each tool restates, or (for the flow and templates) from the tool's own design.
EXPECTED = {
    # ImROC Briefing Paper 20
    "preparing-to-share": ("reflection", P20, 6),  # Table 1: six questions
    "learning-after-sharing": ("reflection", P20, 5),  # Table 3: five questions
    "sharing-risks": ("checklist", P20, 9),  # nine ways sharing can be inappropriate
    "sharing-benefits": ("checklist", P20, 11),  # seven for people supported + four for the team
    "imroc-in-the-moment": ("reflection", P20, 13),  # start small 2, what/why 3, timing 4, words 2, two checks 2
    "weighing-up-sharing": ("checklist", P20, 35),  # Table 2, reconstructed: 10 + 9 + 16
    "building-a-culture": ("checklist", P20, 15),
    "training-and-development": ("checklist", P20, 10),
    "team-talents-register": ("template", P20, 7),  # issue 21: the toolkit's own form
    "should-i-share-now": ("flow", P20, 8),  # eight questions (outcomes checked below)
    # IPS Grow briefing paper
    "personal-experience-inventory": ("reflection", IPS, 6),  # six kinds of personal experience
    "ips-preparing-to-share": ("reflection", IPS, 11),  # Box 1: eleven questions
    "ips-in-the-moment": ("reflection", IPS, 16),  # Boxes 2 and 3, the repeated "why" given once
    "healthy-reasons-for-sharing": ("checklist", IPS, 9),  # nine positive reasons
    "warning-signs-when-sharing": ("checklist", IPS, 13),  # thirteen warning signs
    "ips-reflection-after-sharing": ("reflection", IPS, 4),  # Box 4: four questions (+5 parts)
    "practitioner-biography": ("template", IPS, 13),
    "supervision-agenda": ("checklist", IPS, 23),  # nine points + eight kinds + four + two
    "ips-team-culture": ("checklist", IPS, 17),  # leaders' actions (7 items) + ten enablers
    "recruitment-wording": ("template", IPS, 7),  # JD/PS 2, advert + applicant info 2, interview 3
    "sharing-guidance-six-areas": ("reflection", IPS, 11),  # issue 21: six SLEF areas + guidance sources
    "ips-practitioner-examples": ("reflection", IPS, 15),  # issue 21: seven lessons of two questions + one
}

#: Ids published before this issue: they must never change (answers hang on them).
PUBLISHED_IDS = {
    "preparing-to-share": ["experiences", "comfortable", "helpful", "presenting", "not-sharing", "social-media"],
    "learning-after-sharing": ["impact", "what-helped", "feelings", "learning", "share-learning"],
    "sharing-risks": ["focus", "burden", "asking-for-help", "competition", "relationship", "prescriptive", "envy", "readiness", "personal-details"],
    "sharing-benefits": ["human-contact", "trust", "normalise", "self-esteem", "myths", "openness", "similarity", "talents", "expertise", "support", "othering"],
}


def count(tool) -> int:
    if tool.kind == "flow":
        return len(tool.questions)
    return len(tool.entries())


def area_tools() -> list[str]:
    return sorted(t for t, e in CATALOG.tools.items() if e.src_uri.startswith(AREA))


def test_every_expected_tool_lives_in_the_area_and_nothing_else_does():
    assert area_tools() == sorted(EXPECTED)


@pytest.mark.parametrize("tool_id", sorted(EXPECTED))
def test_tool_kind_paper_and_item_count(tool_id):
    kind, paper, entries = EXPECTED[tool_id]
    tool = CATALOG.tool(tool_id).tool
    assert (tool.kind, tool.source.paper, count(tool)) == (kind, paper, entries)


@pytest.mark.parametrize("tool_id", sorted(PUBLISHED_IDS))
def test_published_ids_are_unchanged(tool_id):
    tool = CATALOG.tool(tool_id).tool
    assert [e.id for e in tool.entries()] == PUBLISHED_IDS[tool_id]


def test_section_sizes_follow_the_source_lists():
    def sizes(tool_id):
        return {s.id: len(s.items) for s in CATALOG.tool(tool_id).tool.all_sections()}

    assert sizes("weighing-up-sharing") == {"benefits": 10, "risks": 9, "warning-signs": 16}
    assert sizes("supervision-agenda") == {"nine-points": 9, "breadth": 8, "imroc-guidance": 4, "peer-supervision": 2}
    assert sizes("ips-team-culture") == {"leaders": 7, "enablers": 10}
    assert sizes("ips-in-the-moment") == {"what": 2, "why": 4, "when": 4, "how": 6}
    assert sizes("training-and-development") == {"professional-training": 3, "in-service": 2, "induction": 3, "teams": 2}


def test_question_parts_keep_every_sub_question():
    def parts(tool_id, item_id):
        return [p.id for e in CATALOG.tool(tool_id).tool.entries() if e.id == item_id for p in e.parts]

    assert parts("ips-reflection-after-sharing", "how-it-went") == ["person", "relationship", "me", "work", "what-worked"]
    assert parts("ips-preparing-to-share", "off-limits") == ["raw", "boundaries"]
    assert parts("ips-in-the-moment", "hoped-for") == ["relationship", "employment", "colleague"]
    assert parts("imroc-in-the-moment", "okay-with-me") == ["happy", "right-time", "support", "today"]


def test_ips_preparation_covers_what_not_to_share_and_social_media():
    ids = [e.id for e in CATALOG.tool("ips-preparing-to-share").tool.entries()]
    assert {"details-kept-back", "off-limits", "social-media", "redirect", "asked-for-more"} <= set(ids)


def test_table_2_says_it_is_reconstructed_and_from_what():
    tool = CATALOG.tool("weighing-up-sharing").tool
    assert "Table 2" in tool.source.locator and "reconstructed" in tool.source.locator
    assert "reconstructed" in tool.notice.lower() or "rebuilt" in tool.notice.lower()
    assert "IPS Grow" in tool.notice
    # Every item says where it comes from.
    assert all(item.hint for item in tool.entries())


# --------------------------------------------------------------------------- the flow

FLOW = CATALOG.tool("should-i-share-now").tool


def test_flow_has_the_outcomes_the_issue_asks_for():
    titles = {o.id: o.title.lower() for o in FLOW.outcomes}
    assert "share a little and check back" in titles["share-a-little"]
    assert "wait" in titles["wait"]
    assert "do not share" in titles["do-not-share"]
    assert "supervision" in titles["supervision"]
    assert len(FLOW.outcomes) == 8


def test_flow_reaches_every_node_and_every_question_ends():
    reached = flows.reachable(FLOW)
    assert {q.id for q in FLOW.questions} | {o.id for o in FLOW.outcomes} == reached
    assert flows.dead_ends(FLOW) == set()


def test_flow_has_no_loops():
    graph = FLOW.edges()
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, f"loop through {node} -> {nxt}"
            if nxt not in state:
                visit(nxt)
        state[node] = 2

    visit(FLOW.start)
    assert set(state) == set(graph)


def test_flow_longest_route_is_at_most_eight_questions():
    graph = FLOW.edges()

    def depth(node: str) -> int:
        return 0 if not graph[node] else 1 + max(depth(n) for n in graph[node])

    assert depth(FLOW.start) <= 8


# --------------------------------------------------------------------------- connections


@pytest.mark.parametrize("tool_id", sorted(EXPECTED))
def test_every_tool_links_to_its_guidance_and_related_tools(tool_id):
    tool = CATALOG.tool(tool_id).tool
    assert tool.related, "no related tools"
    assert tool.guides, "no guidance page"
    for guide in tool.guides:
        assert guide.page.startswith(GUIDES + "/")
        assert (DOCS / guide.page).is_file(), guide.page


@pytest.mark.parametrize(
    "a, b",
    [
        ("preparing-to-share", "ips-preparing-to-share"),
        ("learning-after-sharing", "ips-reflection-after-sharing"),
        ("imroc-in-the-moment", "ips-in-the-moment"),
        ("supervision-agenda", "practitioner-biography"),
        ("supervision-agenda", "ips-preparing-to-share"),
        ("building-a-culture", "ips-team-culture"),
        ("weighing-up-sharing", "warning-signs-when-sharing"),
    ],
)
def test_tools_connect_across_the_two_papers(a, b):
    assert b in CATALOG.tool(a).tool.related or a in CATALOG.tool(b).tool.related


def test_a_guide_page_must_be_a_relative_markdown_path(tmp_path: Path):
    tool = textwrap.dedent(
        """\
            id: t
            kind: checklist
            title: A tool
            summary: What it is for.
            audiences: [practitioner]
            source: {paper: sample-paper, section: Intro}
            version: 1
            guides:
              - {page: ../outside.md, title: Outside}
            items:
              - {id: a, text: First item.}
            """
    )
    docs = scratch_docs(tmp_path, {"tools/t.yml": tool})
    with pytest.raises(ContentError) as info:
        load_catalog(docs, root=tmp_path)
    assert any(str(i).startswith("docs/tools/t.yml:9: guides[0].page") for i in info.value.issues), info.value.issues


# --------------------------------------------------------------------------- built pages


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tool_links(page: BeautifulSoup) -> set[str]:
    found = set()
    for a in page.select("article a[href]"):
        parts = [p for p in a["href"].split("#")[0].split("/") if p and p != ".."]
        if len(parts) == 2 and parts[0] == "tools" and parts[1] in CATALOG.tools:
            found.add(parts[1])
    return found


PAGES = {
    "index": set(EXPECTED),
    # each paper page links to all of its own tools, and to the other paper's tools it discusses
    "imroc-20": {t for t, (_, paper, _) in EXPECTED.items() if paper == P20}
    | {"practitioner-biography", "personal-experience-inventory", "supervision-agenda", "recruitment-wording"},
    "ips-practice": {t for t, (_, paper, _) in EXPECTED.items() if paper == IPS} | {"should-i-share-now", "weighing-up-sharing", "sharing-risks"},
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_guide_pages_build_and_link_to_their_tools(built_site, page):
    html = built_site / GUIDES / ("" if page == "index" else page) / "index.html"
    assert html.is_file()
    missing = PAGES[page] - tool_links(soup(html))
    assert not missing, f"{page} does not link to {sorted(missing)}"


def test_every_area_tool_is_linked_from_some_paper_page(built_site):
    linked = set()
    for page in ("imroc-20", "ips-practice"):
        linked |= tool_links(soup(built_site / GUIDES / page / "index.html"))
    assert set(EXPECTED) <= linked


def test_paper_pages_carry_a_full_citation(built_site):
    for page, title in (("imroc-20", "The Value and Use of Personal Experience"), ("ips-practice", "Valuing and Using Personal Experience in IPS")):
        cite = soup(built_site / GUIDES / page / "index.html").select_one(".tk-citation")
        assert cite is not None and title in cite.get_text(), page


def test_overview_embeds_the_flow(built_site):
    page = soup(built_site / GUIDES / "index.html")
    nodes = {li["data-node"] for li in page.select('[data-tool="should-i-share-now"] .tk-flow-question')}
    assert nodes == {q.id for q in FLOW.questions}


@pytest.mark.parametrize("tool_id", ["should-i-share-now", "weighing-up-sharing", "practitioner-biography"])
def test_tool_pages_link_back_to_their_guidance(built_site, tool_id):
    page = soup(built_site / "tools" / tool_id / "index.html")
    hrefs = [a["href"] for a in page.select(".tk-meta a[href]")]
    for guide in CATALOG.tool(tool_id).tool.guides:
        slug = guide.page.removesuffix(".md").removesuffix("index").rstrip("/")
        assert any(slug in h for h in hrefs), (slug, hrefs)


def test_reconstructed_notice_shows_on_the_table_2_page(built_site):
    page = soup(built_site / "tools" / "weighing-up-sharing" / "index.html")
    notice = page.select_one(".tk-notice")
    assert notice is not None and "Reconstructed" in notice.get_text()


def test_glossary_defines_the_papers_terms(built_site):
    page = soup(built_site / "glossary" / "index.html")
    for slug in ("ips", "self-disclosure", "slef", "trip", "reasonable-adjustments", "peer-employment-specialist", "safewards"):
        assert page.find(id=slug) is not None, slug


def test_home_page_points_to_the_guide(built_site):
    page = soup(built_site / "index.html")
    assert any("guides/personal-experience" in a["href"] for a in page.select("article a[href]"))
