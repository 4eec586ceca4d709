"""Group sessions and scenario cards (issue 22, points 1 and 2).

A learning path with a `session:` block gets a facilitator plan, a one-page participant handout and
a sheet of its scenario cards; scenario cards (docs/scenarios/*.yml) are checked like tools and
print two or four to an A4 page. See toolkit/site/sessions.py and toolkit/site/scenarios.py.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.authoring import validate_file
from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.site import addresses, paths, scenarios

from .conftest import DOCS, ROOT

CATALOG = load_catalog(DOCS)
CARD_FILES = scenarios.card_files(DOCS)
CARDS = scenarios.load_cards([(f, f.name) for f in CARD_FILES], set(CATALOG.papers), set(CATALOG.tools))
SESSION_PATHS = [
    lp for lp in (paths.load_path(f, f.name) for f in paths.path_files(DOCS)) if lp.path.session is not None
]
#: The papers the issue names as holding situations, dilemmas and case examples.
PAPERS_WITH_CASES = {"imroc-19", "ips-grow-personal-experience", "imroc-26", "raising-the-glass-ceiling", "imroc-13"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def load(tmp_path: Path, name: str, text: str, cards: set[str] | None = None) -> list[paths.LoadedPath]:
    file = tmp_path / "paths" / f"{name}.yml"
    file.parent.mkdir(exist_ok=True)
    file.write_text(textwrap.dedent(text), encoding="utf-8")
    known = {"guides/personal-experience/index.md"}
    return paths.load_paths([(file, f"paths/{name}.yml")], set(CATALOG.tools), known, cards or {"card-a", "card-b"})


GOOD_SESSION = """\
    id: {name}
    title: A session
    summary: For testing.
    audiences: [trainer]
    steps:
      - page: guides/personal-experience/index.md
        title: Read this
        minutes: 10
    session:
      length: {length}
      group: six people
      facilitators: two facilitators
      aims: [An aim.]
      outcomes: [An outcome.]
      agenda:
        - minutes: 30
          activity: Welcome.
        - minutes: 60
          activity: Cards.
          step: {step}
          scenario: {scenario}
      materials: [Pens.]
      setup: A circle of chairs.
      ground_rules: [Listen.]
      confidentiality: What is said stays here.
      distress: Step out with them.
      scenarios: [card-a, {second}]
      debrief: [What did you learn?]
      handout_points: [A point.]
"""


def session_yaml(name: str, length: int = 90, step: int = 1, scenario: str = "card-a", second: str = "card-b") -> str:
    return GOOD_SESSION.format(name=name, length=length, step=step, scenario=scenario, second=second)


# ------------------------------------------------------------------------ sessions: validation


def test_a_session_whose_timings_add_up_loads(tmp_path):
    (lp,) = load(tmp_path, "fine", session_yaml("fine"))
    assert sum(a.minutes for a in lp.path.session.agenda) == lp.path.session.length == 90


def test_timings_that_do_not_add_up_fail_at_the_agenda_line(tmp_path):
    with pytest.raises(ContentError) as err:
        load(tmp_path, "short", session_yaml("short", length=120))
    (issue,) = err.value.issues
    text = session_yaml("short").splitlines()
    assert issue.path == "paths/short.yml"
    assert issue.line == 1 + next(i for i, line in enumerate(text) if line.strip() == "agenda:")
    assert "add up to 90 minutes, but session.length is 120" in issue.message
    assert str(issue).startswith("paths/short.yml:")


def test_an_unknown_scenario_card_fails_at_its_line(tmp_path):
    with pytest.raises(ContentError) as err:
        load(tmp_path, "unknown", session_yaml("unknown", second="no-such-card"))
    (issue,) = err.value.issues
    text = session_yaml("unknown", second="no-such-card").splitlines()
    assert issue.line == 1 + next(i for i, line in enumerate(text) if "no-such-card" in line)
    assert issue.message == "session.scenarios[1]: unknown scenario card 'no-such-card'"


def test_an_agenda_item_must_use_a_real_step_and_one_of_the_sessions_cards(tmp_path):
    with pytest.raises(ContentError) as err:
        load(tmp_path, "wrong", session_yaml("wrong", step=4, scenario="card-c"), cards={"card-a", "card-b", "card-c"})
    messages = [i.message for i in err.value.issues]
    assert "session.agenda[1].step: there is no step 4 (the path has 1)" in messages
    assert "session.agenda[1].scenario: 'card-c' is not one of this session's scenarios" in messages


def test_a_session_needs_two_or_three_scenarios_and_its_safety_sections(tmp_path):
    text = session_yaml("bare").replace("      distress: Step out with them.\n", "").replace(", card-b]", "]")
    with pytest.raises(ContentError) as err:
        load(tmp_path, "bare", text)
    messages = " ".join(i.message for i in err.value.issues)
    assert "session.distress: required field is missing" in messages
    assert "session.scenarios" in messages


def test_shipped_sessions_add_up_and_name_cards_that_exist():
    ids = {lc.card.id for lc in CARDS}
    assert {lp.path.id for lp in SESSION_PATHS} >= {
        "reflective-practice-session", "preparing-a-team-for-peer-support", "recruiting-for-lived-experience"}
    for lp in SESSION_PATHS:
        s = lp.path.session
        assert sum(a.minutes for a in s.agenda) == s.length, lp.path.id
        assert 2 <= len(s.scenarios) <= 3 and set(s.scenarios) <= ids, lp.path.id
        assert s.ground_rules and s.confidentiality and s.distress and s.debrief and s.materials and s.setup
        assert paths.check_session(lp, ids) == []


def test_the_team_session_covers_relapse_and_boundaries():
    (lp,) = [lp for lp in SESSION_PATHS if lp.path.id == "preparing-a-team-for-peer-support"]
    text = " ".join([*lp.path.session.handout_points, *lp.path.session.debrief]).lower()
    assert "myth" in text and "unwell" in text and "boundaries" in text


# ------------------------------------------------------------------------ scenario cards: validation


def test_shipped_cards_validate_and_draw_on_every_paper_with_cases():
    assert len(CARDS) >= 12
    assert {lc.card.source.paper for lc in CARDS} >= PAPERS_WITH_CASES
    for lc in CARDS:
        assert lc.card.tools, f"{lc.card.id} names no tool that helps"
        assert lc.card.id == Path(lc.file).stem


def write_card(folder: Path, name: str, **changes: str) -> Path:
    fields = {
        "id": name, "paper": "imroc-19", "tool": "recovery-little-things-discussion",
    } | changes
    file = folder / "scenarios" / f"{name}.yml"
    file.parent.mkdir(exist_ok=True)
    file.write_text(textwrap.dedent(f"""\
        id: {fields['id']}
        title: A card
        situation: Something happens.
        hard: [It is hard.]
        prompts: [What would you do?, Why?]
        tools: [{fields['tool']}]
        source:
          paper: {fields['paper']}
          section: Little things make a big difference
        """), encoding="utf-8")
    return file


def card_issues(*files: Path) -> list[str]:
    with pytest.raises(ContentError) as err:
        scenarios.load_cards([(f, f"scenarios/{f.name}") for f in files], set(CATALOG.papers), set(CATALOG.tools))
    return [str(i) for i in err.value.issues]


def test_a_card_with_an_unknown_paper_or_tool_fails_at_its_line(tmp_path):
    issues = card_issues(write_card(tmp_path, "bad", paper="no-paper", tool="no-tool"))
    assert "scenarios/bad.yml:6: tools[0]: unknown tool 'no-tool'" in issues
    assert any(i.startswith("scenarios/bad.yml:8: source.paper: unknown paper 'no-paper'") for i in issues)


def test_card_ids_match_their_files_and_are_unique(tmp_path):
    issues = card_issues(write_card(tmp_path, "one", id="two"), write_card(tmp_path, "two"))
    assert "scenarios/one.yml:1: id: 'two' must match the file name ('one')" in issues
    assert any("duplicate scenario card id 'two'" in i for i in issues)


def test_a_card_is_a_kind_of_its_own_not_a_tool_with_answers(tmp_path):
    file = write_card(tmp_path, "typo")
    file.write_text(file.read_text() + "items: []\n")
    assert any("items: unknown field" in i for i in card_issues(file))


def test_toolkit_validate_checks_a_card_on_its_own():
    assert validate_file(CARD_FILES[0], DOCS, ROOT) == "scenario card"


# ------------------------------------------------------------------------ the built pages


@pytest.mark.parametrize("lp", SESSION_PATHS, ids=lambda lp: lp.path.id)
def test_plan_has_every_section_and_its_timetable_adds_up(built_site, lp):
    page = soup(built_site / "paths" / f"{lp.path.id}-plan" / "index.html")
    pid = lp.path.id
    for part in ("aims", "outcomes", "timetable", "before", "ground-rules", "confidentiality", "distress", "scenarios", "debrief"):
        assert page.find(id=f"plan-{pid}--{part}"), part
    rows = page.select("table tbody tr")
    minutes = [int(r.find_all("td")[1].get_text(strip=True).strip("*")) for r in rows]
    assert sum(minutes[:-1]) == minutes[-1] == lp.path.session.length
    assert [c["data-card"] for c in page.select(".tk-scenario")] == lp.path.session.scenarios
    sheet = soup(built_site / "paths" / f"{pid}-cards" / "index.html")
    assert [c["data-card"] for c in sheet.select(".tk-cards--2 .tk-scenario")] == lp.path.session.scenarios
    path_page = soup(built_site / "paths" / pid / "index.html")
    links = {a["href"] for a in path_page.select(".tk-session-links a")}
    assert links == {f"../{pid}-plan/", f"../{pid}-handout/", f"../{pid}-cards/"}


def test_every_card_has_a_page_and_is_on_both_sheets_and_the_index(built_site):
    index = soup(built_site / "scenarios" / "index.html")
    hrefs = {a["href"] for a in index.select("article a[href]")}
    for lc in CARDS:
        assert (built_site / "scenarios" / lc.card.id / "index.html").is_file()
        assert f"{lc.card.id}/" in hrefs
    for sheet in ("print-two", "print-four"):
        page = soup(built_site / "scenarios" / sheet / "index.html")
        assert len(page.select(".tk-cards .tk-scenario")) == len(CARDS)


# ------------------------------------------------------------------------ printing and axe (browser)


def print_pages(page) -> list[str]:
    from .test_printables import pdf_pages

    return pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))[0]


@pytest.mark.parametrize("lp", SESSION_PATHS, ids=lambda lp: lp.path.id)
def test_each_handout_prints_on_one_a4_page(page, site_server, lp):
    page.goto(f"{site_server}/paths/{lp.path.id}-handout/")
    pages = print_pages(page)
    assert len(pages) == 1
    text = pages[0]
    assert "Looking after yourself" in text and lp.path.session.ground_rules[0][:30] in text


@pytest.mark.parametrize("sheet, per_page", [("print-two", 2), ("print-four", 4)])
def test_card_sheets_print_two_or_four_cards_to_each_a4_page(page, site_server, sheet, per_page):
    page.set_viewport_size({"width": 703, "height": 1000})  # A4 less the page margins, at 96 dpi
    page.goto(f"{site_server}/scenarios/{sheet}/")
    pages = print_pages(page)
    page.emulate_media(media="print")  # after page.pdf(): it prints what the page emulates
    clipped = page.evaluate(
        "[...document.querySelectorAll('.tk-cards .tk-scenario')]"
        ".filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.dataset.card)")
    assert clipped == [], "these cards do not fit their cell in print"
    assert len(pages) == math.ceil(len(CARDS) / per_page)
    titles = sorted((lc.card.title for lc in CARDS), key=scenarios.title_key)
    for n, text in enumerate(pages):
        expected = titles[n * per_page:(n + 1) * per_page]
        assert text.count("SCENARIO CARD") + text.count("Scenario card") == len(expected), n
        for title in expected:
            assert title.replace('"', "")[:25] in text.replace('"', "").replace("“", "").replace("”", ""), title


@pytest.mark.browser
def test_plan_handout_and_card_pages_have_no_axe_violations(browser, site_server):
    from axe_playwright_python.base import AXE_SCRIPT

    from .sweep import axe_violations

    context = browser.new_context()
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    found = []
    try:
        for where in ("paths/reflective-practice-session-plan/", "paths/preparing-a-team-for-peer-support-handout/",
                      f"scenarios/{CARDS[0].card.id}/", "scenarios/print-four/", "scenarios/"):
            page.goto(f"{site_server}/{where}")
            found += axe_violations(page, where)
    finally:
        context.close()
    assert found == []


def test_session_and_card_pages_load_their_print_stylesheet_and_no_tool_scripts():
    from toolkit.browser import bundle

    for html in ('<div class="tk-session tk-session-plan">', '<div class="tk-scenario" data-card="x">',
                 '<div class="tk-cards tk-cards--4">'):
        assert bundle.page_assets(html) == ["assets/toolkit/session.css"]
    assert "assets/toolkit/session.css" not in bundle.page_assets('<div class="tk-tool tk-tool--checklist">')


def test_scenario_schema_accepts_every_shipped_card_and_rejects_a_broken_one():
    import json

    import jsonschema
    import yaml

    from toolkit.content import schemas

    validator = jsonschema.Draft202012Validator(json.loads((schemas.SCHEMA_DIR / "scenario.schema.json").read_text()))
    for file in CARD_FILES:
        data = yaml.safe_load(file.read_text())
        validator.validate(data)
        assert file.read_text().startswith("# yaml-language-server: $schema=../../toolkit/schema/scenario.schema.json")
    data["prompts"] = []
    assert list(validator.iter_errors(data))


def test_a_card_says_whether_its_situation_is_the_papers_or_the_toolkits_illustration():
    told = [lc for lc in CARDS if not lc.card.illustration]
    built = [lc for lc in CARDS if lc.card.illustration]
    assert told and built
    for lc, phrase in ((told[0], "people are named by role only"), (built[0], "the toolkit's illustration")):
        html = str(scenarios.card_html(lc, CATALOG, addresses.SCENARIOS_INDEX_URI))
        assert phrase in html
        assert f'data-card="{lc.card.id}"' in html and "Source: [" in html


def test_toolkit_validate_reports_a_session_that_does_not_add_up_and_a_missing_card(tmp_path, monkeypatch, capsys):
    import shutil

    from toolkit.cli import main

    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    monkeypatch.chdir(tmp_path)
    rel = "docs/paths/reflective-practice-session.yml"
    text = (tmp_path / rel).read_text()
    text = text.replace("  length: 120\n", "  length: 125\n", 1)
    (tmp_path / rel).write_text(text)
    (docs / "scenarios" / "returning-to-work-after-time-at-home.yml").unlink()
    lines = text.splitlines()
    agenda = 1 + lines.index("  agenda:")
    card = 1 + max(i for i, line in enumerate(lines) if line == "    - returning-to-work-after-time-at-home")
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"{rel}:{agenda}: session.agenda: the timings add up to 120 minutes, but session.length is 125" in err
    assert f"{rel}:{card}: session.scenarios[2]: unknown scenario card 'returning-to-work-after-time-at-home'" in err


@pytest.mark.parametrize("lp", SESSION_PATHS[:1], ids=lambda lp: lp.path.id)
def test_a_facilitator_plan_prints_on_a4_without_site_chrome(page, site_server, lp):
    from .test_printables import pdf_pages

    page.goto(f"{site_server}/paths/{lp.path.id}-plan/")
    texts, reader = pdf_pages(page.pdf(prefer_css_page_size=True))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4 in points"
    assert 2 <= len(texts) <= 8
    text = " ".join(texts)
    assert "If someone becomes distressed" in text and "Debrief" in text
    assert "Skip to content" not in text and "This plan is for the facilitator" not in text  # chrome, screen-only
    for card in lp.path.session.scenarios:
        title = next(lc.card.title for lc in CARDS if lc.card.id == card)
        assert title in text
