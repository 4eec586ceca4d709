"""Papers 13, 14 and 16 (co-production, the business case, Live Well): tools, guidance, and the
optional rating scale on checklists that the ten-challenge self-assessment uses."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.kinds import Checklist
from toolkit.content.load import load_tool
from toolkit.site.addresses import anchor
from toolkit.site.tools import render_tool

from .conftest import DOCS

# tool id -> (folder, paper, kind, number of entries). For a flow: (questions, outcomes).
# The counts follow the source lists: e.g. ten challenges, six core strategies, eight peer
# support principles, ten top tips.
TOOLS: dict[str, tuple[str, str, str, int | tuple[int, int]]] = {
    "recovery-challenges-self-assessment": ("business-case", "imroc-14", "checklist", 10),
    "recovery-challenges-action-plan": ("business-case", "imroc-14", "template", 17),
    "recovery-business-case-worksheet": ("business-case", "imroc-14", "template", 13),
    "recovery-best-practice-levels": ("business-case", "imroc-14", "reflection", 4),
    "teaching-and-learning-check": ("business-case", "imroc-14", "checklist", 7),
    "restraint-reduction-strategies": ("business-case", "imroc-14", "checklist", 6),
    "coproduction-key-features": ("business-case", "imroc-14", "reflection", 6),  # merged with paper 16's five
    "chime-conversation": ("business-case", "imroc-14", "reflection", 7),
    "recovery-practice-check": ("business-case", "imroc-14", "reflection", 6),
    "business-case-calculator": ("business-case", "imroc-14", "template", 9),
    "staff-wellbeing-check": ("business-case", "imroc-14", "reflection", 5),
    "life-beyond-illness-check": ("business-case", "imroc-14", "reflection", 8),
    "recovery-culture-questions": ("business-case", "imroc-14", "reflection", 3),
    "personal-recovery-plan-check": ("business-case", "imroc-14", "checklist", 5),
    "live-well-wellbeing-plan": ("live-well", "imroc-16", "template", 16),
    "triangle-that-moves-mountains": ("live-well", "imroc-16", "reflection", 4),
    "coproduction-project-lead-role": ("live-well", "imroc-16", "checklist", 5),
    "live-well-goals-and-values": ("live-well", "imroc-16", "checklist", 9),
    "community-development-check": ("live-well", "imroc-16", "checklist", 11),
    "community-asset-mapping": ("live-well", "imroc-16", "template", 11),
    "patient-activation-support": ("live-well", "imroc-16", "reflection", 5),
    "recovery-college-principles": ("live-well", "imroc-16", "checklist", 6),
    "live-well-peer-support-principles": ("live-well", "imroc-16", "checklist", 8),
    "live-well-training-programme": ("live-well", "imroc-16", "template", 14),
    "live-well-referral-pathway": ("live-well", "imroc-16", "template", 9),
    "community-programme-evaluation-plan": ("live-well", "imroc-16", "template", 10),
    "coproduction-top-ten-tips": ("co-production", "imroc-13", "checklist", 10),
    "coproduction-realities-check": ("co-production", "imroc-13", "reflection", 7),
    "imroc-coproduction-principles": ("co-production", "imroc-13", "checklist", 4),
    "coproduction-level-check": ("co-production", "imroc-13", "flow", (4, 5)),
    "coproduction-case-study-lessons": ("co-production", "imroc-13", "reflection", 22),
    "coproduction-one-to-one-debate": ("co-production", "imroc-13", "reflection", 3),
    "coproduction-workshop-plan": ("co-production", "imroc-13", "template", 16),
    "coproduction-themes-discussion": ("co-production", "imroc-13", "reflection", 16),
}

# Sectioned tools whose sections mirror separate source lists: section id -> entries.
SECTIONS = {
    "live-well-goals-and-values": {"goals": 6, "values": 3},
    "community-development-check": {"community-development": 6, "asset-based": 5},
    "live-well-training-programme": {"programme": 2, "ten-days": 10, "ongoing": 1, "support": 1},
    "coproduction-case-study-lessons": {
        "team-training": 3, "recovery-college": 3, "care-pathway": 3, "audit-evaluation": 3,
        "corporate-services": 3, "rushcliffe": 2, "urgent-care": 5,
    },
    "coproduction-themes-discussion": {"themes": 12, "observations": 4},
    "live-well-wellbeing-plan": {"keeping-well": 3, "my-plan": 4, "five-ways": 5, "goals": 3, "notes": 1},
}

GUIDES = {
    "business-case": ["index", "challenges", "costs-and-savings"],
    "live-well": ["index", "components"],
    "co-production": ["index", "case-studies", "themes"],
}

AREA_PAPER = {"business-case": 14, "live-well": 16, "co-production": 13}

CHALLENGE_IDS = [
    "day-to-day-interactions", "learning-for-staff", "recovery-education", "leadership-and-culture",
    "personalisation-and-choice", "safety-not-risk", "coproduction", "workforce", "staff-wellbeing",
    "life-beyond-illness",
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DOCS)


# --------------------------------------------------------------------------- tools


@pytest.mark.parametrize("tool_id", sorted(TOOLS))
def test_tool_exists_in_its_folder_with_expected_items(catalog, tool_id):
    folder, paper, kind, count = TOOLS[tool_id]
    entry = catalog.tool(tool_id)
    assert entry.src_uri == f"tools/{folder}/{tool_id}.yml"
    assert entry.tool.kind == kind
    assert entry.tool.source.paper == paper
    if kind == "flow":
        assert (len(entry.tool.questions), len(entry.tool.outcomes)) == count
    else:
        assert len(entry.tool.entries()) == count


def test_no_other_tools_in_these_folders(catalog):
    ours = {e.tool.id for e in catalog.tools.values() if e.src_uri.split("/")[1] in GUIDES}
    assert ours == set(TOOLS)


@pytest.mark.parametrize("tool_id", sorted(SECTIONS))
def test_sections_mirror_the_source_lists(catalog, tool_id):
    tool = catalog.tool(tool_id).tool
    assert {s.id: len(s.items) for s in tool.all_sections()} == SECTIONS[tool_id]


def test_every_tool_is_connected(catalog):
    for tool_id in TOOLS:
        assert catalog.tool(tool_id).tool.related, f"{tool_id} has no related tools"


def test_reconstructed_or_flawed_sources_say_so(catalog):
    # Box 3 (teaching v learning) and Box 1 (the triangle) are empty in our copy; the intermediate
    # co-production level is never described.
    for tool_id in ["teaching-and-learning-check", "triangle-that-moves-mountains", "coproduction-level-check"]:
        notice = catalog.tool(tool_id).tool.notice or ""
        assert "reconstructed" in notice or "our reading" in notice or "our own reading" in notice, tool_id


def test_self_assessment_has_stable_challenge_ids_and_a_four_level_scale(catalog):
    tool = catalog.tool("recovery-challenges-self-assessment").tool
    assert [i.id for i in tool.entries()] == CHALLENGE_IDS
    assert [lvl.id for lvl in tool.scale] == ["not-started", "early-steps", "developing", "established"]
    for n, item in enumerate(tool.entries(), start=1):
        assert item.text.startswith(f"Challenge {n}:")
        for kind in ("**Research:**", "**Economics:**"):
            assert kind in item.hint, (item.id, kind)


def test_top_ten_tips_are_the_same_tool_for_both_papers(catalog):
    # Paper 16's Box 3 repeats paper 13's tips: one tool, linked from the Live Well tools.
    assert "coproduction-top-ten-tips" in catalog.tool("coproduction-key-features").tool.related
    assert "coproduction-top-ten-tips" in catalog.tool("triangle-that-moves-mountains").tool.related


# --------------------------------------------------------------------------- scale model


def _write(tmp_path: Path, body: str) -> Path:
    file = tmp_path / "rated.yml"
    file.write_text(textwrap.dedent(body), encoding="utf-8")
    return file


BASE = """\
    id: rated
    kind: checklist
    title: Rated
    summary: A rated checklist.
    audiences: [team-leader]
    source: {paper: imroc-14, section: Introduction}
    version: 1
    items:
      - {id: one, text: First}
      - {id: two, text: Second}
"""


def test_scale_is_optional_and_loads(tmp_path):
    plain = load_tool(_write(tmp_path, BASE), "rated.yml", "tools/rated.yml").tool
    assert isinstance(plain, Checklist) and plain.scale is None
    rated = load_tool(
        _write(tmp_path, BASE + "    scale:\n      - {id: low, label: Low}\n      - {id: high, label: High}\n"),
        "rated.yml", "tools/rated.yml",
    ).tool
    assert [(lvl.id, lvl.label) for lvl in rated.scale] == [("low", "Low"), ("high", "High")]


@pytest.mark.parametrize(
    "extra, message",
    [
        ("    scale:\n      - {id: only, label: Only}\n", "at least two levels"),
        ("    scale:\n      - {id: a, label: A}\n      - {id: a, label: B}\n", "must be unique"),
        ("    statuses: true\n    scale:\n      - {id: a, label: A}\n      - {id: b, label: B}\n", "not both"),
        ("    scale:\n      - {id: Bad Id, label: A}\n      - {id: b, label: B}\n", "must be a slug"),
    ],
)
def test_bad_scale_is_reported_at_its_line(tmp_path, extra, message):
    file = _write(tmp_path, BASE + extra)
    with pytest.raises(ContentError) as err:
        load_tool(file, "rated.yml", "tools/rated.yml")
    text = str(err.value)
    assert message in text
    scale_line = next(n for n, line in enumerate(file.read_text().splitlines(), 1) if line.startswith("scale:"))
    assert any(i.line >= scale_line for i in err.value.issues), text
    assert text.startswith("rated.yml:")


def test_scale_renders_a_radio_group_per_item(catalog):
    entry = catalog.tool("recovery-challenges-self-assessment")
    html = render_tool(entry, catalog, page_uri="tools/recovery-challenges-self-assessment.md")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("input[type=checkbox]")
    fieldsets = soup.select("fieldset.tk-scale")
    assert len(fieldsets) == 10
    ids = set()
    for item_id, fieldset in zip(CHALLENGE_IDS, fieldsets):
        legend = fieldset.find("legend")
        assert legend is not None and legend.get_text(strip=True).startswith("Challenge")
        radios = fieldset.select("input[type=radio]")
        assert [r["value"] for r in radios] == ["not-started", "early-steps", "developing", "established"]
        assert {r["name"] for r in radios} == {anchor(entry.tool.id, item_id)}
        for r in radios:
            assert soup.find("label", attrs={"for": r["id"]}) is not None
            ids.add(r["id"])
        hint = fieldset.get("aria-describedby")
        assert hint and soup.find(id=hint) is not None
    assert len(ids) == 40


def test_checklists_without_scale_render_one_control_per_item(catalog):
    entry = catalog.tool("coproduction-top-ten-tips")  # statuses: one status group per item
    soup = BeautifulSoup(render_tool(entry, catalog, page_uri="tools/coproduction-top-ten-tips.md"), "html.parser")
    assert len(soup.select("fieldset.tk-status-group")) == 10
    assert not soup.select("input[type=checkbox]")
    assert not soup.select("fieldset.tk-scale")


# --------------------------------------------------------------------------- built site


def _page(site: Path, uri: str) -> BeautifulSoup:
    file = site / uri / "index.html"
    assert file.exists(), uri
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _linked_tools(soup: BeautifulSoup) -> set[str]:
    out = set()
    for a in soup.select("article a[href]"):
        parts = [p for p in a["href"].split("#")[0].split("/") if p and p != ".."]
        if len(parts) >= 2 and parts[-2] == "tools":
            out.add(parts[-1])
    return out


@pytest.mark.parametrize("area", sorted(GUIDES))
def test_guides_build_and_link_to_every_tool_of_their_paper(built_site, area):
    linked: set[str] = set()
    for name in GUIDES[area]:
        uri = f"guides/{area}" if name == "index" else f"guides/{area}/{name}"
        soup = _page(built_site, uri)
        assert soup.find("h1") is not None
        linked |= _linked_tools(soup)
    expected = {tool_id for tool_id, (folder, *_rest) in TOOLS.items() if folder == area}
    assert expected <= linked, sorted(expected - linked)


@pytest.mark.parametrize("area", sorted(GUIDES))
def test_guide_overview_has_a_citation_block(built_site, area):
    soup = _page(built_site, f"guides/{area}")
    cite = soup.select_one("article .tk-citation")
    assert cite is not None and f"Briefing Paper {AREA_PAPER[area]}" in cite.get_text()


def test_tool_pages_exist_and_show_their_source(built_site, catalog):
    for tool_id in TOOLS:
        soup = _page(built_site, f"tools/{tool_id}")
        tool = soup.select_one(f"[data-tool='{tool_id}']")
        assert tool is not None, tool_id
        paper = catalog.papers[catalog.tool(tool_id).tool.source.paper]
        assert paper.short in tool.get_text(), tool_id


def test_top_ten_tips_are_embedded_in_the_themes_guide(built_site):
    soup = _page(built_site, "guides/co-production/themes")
    assert soup.select_one("[data-tool='coproduction-top-ten-tips']") is not None
    assert len(soup.select("[data-tool='coproduction-top-ten-tips'] fieldset.tk-status-group")) == 10


def test_costs_page_cites_each_figure(built_site):
    soup = _page(built_site, "guides/business-case/costs-and-savings")
    rows = [r for table in soup.select("article table") for r in table.select("tbody tr")]
    assert len(rows) >= 30
    for row in rows:
        cells = [c.get_text(strip=True) for c in row.find_all("td")]
        assert cells[-1], f"row without a reference: {cells}"


def test_glossary_has_our_terms(built_site):
    soup = _page(built_site, "glossary")
    for slug in ["co-production", "link-worker", "patient-activation", "recovery-college",
                 "ladder-of-participation", "wrap", "pam", "abcd"]:
        assert soup.find(id=slug) is not None, slug


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_rating_a_challenge_is_one_choice_per_group(page, site_server):
    page.goto(f"{site_server}/tools/recovery-challenges-self-assessment/")
    groups = page.get_by_role("group")
    assert groups.count() >= 10
    group = page.get_by_role("group", name="Challenge 6:", exact=False)
    assert group.count() == 1
    group.get_by_label("Developing").check()
    assert group.get_by_label("Developing").is_checked()
    group.get_by_label("Well established").check()
    assert not group.get_by_label("Developing").is_checked()
    other = page.get_by_role("group", name="Challenge 7:", exact=False)
    assert not other.get_by_label("Well established").is_checked()


def test_scale_items_also_get_item_fields(tmp_path):
    from toolkit.content.catalog import Catalog

    body = BASE + (
        "    scale:\n      - {id: low, label: Low}\n      - {id: high, label: High}\n"
        "    item_fields:\n      - {id: owner, label: Who}\n"
    )
    entry = load_tool(_write(tmp_path, body), "rated.yml", "tools/rated.yml")
    real = load_catalog(DOCS)
    catalog = Catalog(papers=real.papers, tools={"rated": entry})
    soup = BeautifulSoup(render_tool(entry, catalog, page_uri="tools/rated.md"), "html.parser")
    for item_id in ("one", "two"):
        li = soup.find(id=anchor("rated", item_id))
        assert len(li.select("input[type=radio]")) == 2
        assert li.find(id=anchor("rated", item_id, "owner") + "-input") is not None


@pytest.mark.browser
def test_ratings_are_saved_by_challenge_id_and_survive_reload(page, site_server):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    tool_id = "recovery-challenges-self-assessment"
    page.goto(f"{site_server}/tools/{tool_id}/")
    progress = page.locator(".tk-progress")
    assert progress.inner_text() == "0 of 10 rated"
    page.get_by_role("group", name="Challenge 6:", exact=False).get_by_label("Developing").check()
    page.get_by_role("group", name="Challenge 9:", exact=False).get_by_label("Early steps").check()
    assert progress.inner_text() == "2 of 10 rated"
    raw = page.evaluate("id => localStorage.getItem('tk:tool:' + id)", tool_id)
    assert raw and '"safety-not-risk"' in raw and '"developing"' in raw and '"early-steps"' in raw
    page.reload()
    assert page.locator(f"#{anchor(tool_id, 'safety-not-risk')}--developing").is_checked()
    assert page.locator(f"#{anchor(tool_id, 'staff-wellbeing')}--early-steps").is_checked()
    assert not page.locator(f"#{anchor(tool_id, 'coproduction')}--developing").is_checked()
    assert page.locator(".tk-progress").inner_text() == "2 of 10 rated"
    assert errors == []
