"""Team view (issue 23): several people's exports of one tool, combined in the browser.

The fixtures (tests/fixtures/team, made by make_fixtures.py there) are five people's exports of
the ten-challenges self-assessment (a rating scale) and of the team preparation checklist
(statuses), and files team view must refuse.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from pypdf import PdfReader

from toolkit.content.catalog import load_catalog
from toolkit.site import addresses, team

from .conftest import DOCS, ROOT
from .sweep import axe_violations

FIX = Path(__file__).parent / "fixtures" / "team"
NAMES = ["Asha", "Ben", "Chen", "Dee", "E.O."]
CHALLENGES = "recovery-challenges-self-assessment"
READINESS = "team-preparation-checklist"


def _files(prefix: str) -> list[Path]:
    return [FIX / f"{prefix}-{n.lower().replace('.', '')}.json" for n in NAMES]


def _tool(tool_id: str) -> dict:
    path = next(DOCS.glob(f"tools/**/{tool_id}.yml"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _texts(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def combine(page, base: str, tool_id: str, files: list[Path]) -> None:
    """Open a tool's team view and choose `files` at once; wait until they are read."""
    if f"/team/{tool_id}/" not in page.url:
        page.goto(f"{base}/team/{tool_id}/")
    live = page.locator(".tk-teamview-app .tk-live")
    live.evaluate("node => { node.textContent = ''; }")  # a function, not a string: the page's policy allows no eval
    page.locator(".tk-teamview-pick").set_input_files([str(f) for f in files])
    expect(live).to_have_text(re.compile("combined|left out"))


def item_box(page, tool_id: str, item: str):
    return page.locator(f"#tv-{tool_id}--{item}")




@pytest.mark.browser
def test_counts_spread_and_start_here_for_five_ratings(page, site_server):
    combine(page, site_server, CHALLENGES, _files("challenges"))
    tool = _tool(CHALLENGES)
    label = {lv["id"]: lv["label"] for lv in tool["scale"]}
    text = {i["id"]: " ".join(i["text"].split()) for i in tool["items"]}
    assert page.locator(".tk-teamview-sheet").inner_text().count("Answers from 5 people") == 1
    # How many answered each item.
    counts = {"day-to-day-interactions": 5, "recovery-education": 4, "leadership-and-culture": 4, "safety-not-risk": 1,
              "life-beyond-illness": 0, "coproduction": 5}
    for item, n in counts.items():
        assert item_box(page, CHALLENGES, item).locator(".tk-teamview-count").inner_text().startswith(f"{n} of 5 answered")
    # The spread of ratings, as a table that reads as text.
    spread = item_box(page, CHALLENGES, "day-to-day-interactions").locator(".tk-teamview-spread tr")
    rows = {r.locator("th").inner_text(): int(r.locator(".tk-teamview-n").inner_text()) for r in spread.all()}
    assert rows == {label["not-started"]: 1, label["early-steps"]: 1, label["developing"]: 2, label["established"]: 1}
    # Start here: answers two or more levels apart first, then items nobody answered.
    first = page.locator(".tk-teamview-first li")
    hrefs = [a.get_attribute("href") for a in first.locator("a").all()]
    assert hrefs == [f"#tv-{CHALLENGES}--{i}" for i in ("day-to-day-interactions", "leadership-and-culture", "life-beyond-illness")]
    assert "two or more levels apart" in first.nth(0).inner_text() and "nobody answered" in first.nth(2).inner_text()
    assert " ".join(first.nth(0).locator("a").inner_text().split()) == text["day-to-day-interactions"]
    # Each person's answer and note, under the name they typed.
    answers = item_box(page, CHALLENGES, "safety-not-risk").locator(".tk-teamview-answers tbody tr")
    assert [r.locator("th").inner_text() for r in answers.all()] == NAMES
    assert answers.nth(0).locator("td").nth(0).inner_text() == label["developing"]
    assert answers.nth(0).locator("td").nth(1).inner_text() == "Restraint figures are falling"
    assert answers.nth(1).locator("td").nth(0).inner_text() == "No answer"


@pytest.mark.browser
def test_statuses_disagreement_and_items_the_tool_no_longer_has(page, site_server):
    combine(page, site_server, READINESS, _files("readiness"))
    first = [a.get_attribute("href").split("--", 1)[1] for a in page.locator(".tk-teamview-first li a").all()]
    # not started (a note only) against done: two levels apart; "not applicable" is no level.
    assert first[0] == "whole-team-half-day" and "safe-space" not in first and "facilitators" not in first
    assert "consider-trip" in first and "bespoke" not in first
    spread = item_box(page, READINESS, "whole-team-half-day").locator(".tk-teamview-spread tr")
    rows = {r.locator("th").inner_text(): int(r.locator(".tk-teamview-n").inner_text()) for r in spread.all()}
    assert rows == {"Not started": 1, "In progress": 1, "Done": 2, "Not applicable": 0}
    gone = page.locator(".tk-teamview-gone")
    assert "E.O.: An item since removed" in gone.inner_text()


@pytest.mark.browser
def test_csv_has_a_row_per_item_and_a_column_per_person(page, site_server):
    combine(page, site_server, CHALLENGES, _files("challenges"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    tool = _tool(CHALLENGES)
    label = {lv["id"]: lv["label"] for lv in tool["scale"]}
    assert rows[0] == ["Item"] + NAMES
    assert len(rows) == 1 + len(tool["items"])
    by_item = {" ".join(r[0].split()): r[1:] for r in rows[1:]}
    day = by_item[" ".join(tool["items"][0]["text"].split())]
    assert day[1] == label["established"] and day[0].startswith(label["not-started"]) and "Note: <img" in day[0]
    assert all(len(r) == 1 + len(NAMES) for r in rows)


@pytest.mark.browser
def test_combined_json_is_the_export_format_and_keeps_each_file(page, site_server):
    combine(page, site_server, CHALLENGES, _files("challenges"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the combined answers (JSON)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "toolkit/schema/answers.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [p["person"] for p in data["people"]] == NAMES
    for p, f in zip(data["people"], _files("challenges")):
        assert p["tools"] == json.loads(f.read_text(encoding="utf-8"))["tools"]
    combined = data["tools"][CHALLENGES]["items"]["safety-not-risk"]["note"]
    assert combined.startswith("Asha: ") and "Restraint figures are falling" in combined


@pytest.mark.browser
def test_refused_files_are_named_and_the_rest_combine(page, site_server, tmp_path):
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 5_000_001)
    bad = ["bad-not-an-export.json", "bad-newer-format.json", "bad-other-tool.json", "bad-duplicate-asha.json", "bad-cut-short.json"]
    combine(page, site_server, CHALLENGES, _files("challenges") + [FIX / b for b in bad] + [huge])
    refused = _texts(page, ".tk-teamview-refused p")
    assert len(refused) == len(bad) + 1
    for name, why in [("bad-not-an-export.json", "not an answers file"), ("bad-newer-format.json", "newer version"),
                      ("bad-other-tool.json", "other tools"), ("bad-duplicate-asha.json", "already a file from"),
                      ("bad-cut-short.json", "incomplete or damaged"), ("huge.json", "larger than 5 MB")]:
        assert any(line.startswith(f"\u201c{name}\u201d was left out") and why in line for line in refused), (name, refused)
    assert [r.locator("th").inner_text() for r in item_box(page, CHALLENGES, "coproduction").locator("tbody tr").all()] == NAMES
    # Markup in someone's note is shown as text, never made into elements.
    sheet = page.locator(".tk-teamview-sheet")
    assert "<img src=x onerror=alert(1)>" in sheet.inner_text()
    assert sheet.locator("img").count() == 0
    # More files can be added later; a file without a name is shown by its file name, never a made-up name.
    combine(page, site_server, CHALLENGES, [FIX / "unnamed.json"])
    heads = [r.locator("th").inner_text() for r in item_box(page, CHALLENGES, "workforce").locator("tbody tr").all()]
    assert heads == NAMES + ["Unnamed (unnamed.json)"]


@pytest.mark.browser
def test_nothing_is_stored(page, site_server):
    page.goto(f"{site_server}/team/{CHALLENGES}/")
    before = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    combine(page, site_server, CHALLENGES, _files("challenges"))
    assert page.evaluate("JSON.stringify(Object.assign({}, localStorage))") == before
    assert page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))") == "{}"


@pytest.mark.browser
def test_prints_on_a4_as_a_meeting_paper_without_controls(page, site_server):
    combine(page, site_server, CHALLENGES, _files("challenges"))
    page.emulate_media(media="print")
    for hidden in (".tk-teamview-drop", ".tk-teamview-actions", ".md-header", ".md-sidebar--primary"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".tk-teamview-sheet").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Start here" in text and "Asha" in text
    assert "Choose the export files" not in text and "Download as a spreadsheet" not in text


@pytest.mark.browser
def test_team_view_has_no_axe_violations_empty_and_filled(page, site_server):
    from axe_playwright_python.base import AXE_SCRIPT

    page.context.add_init_script(script=AXE_SCRIPT)  # before the page: its policy refuses inline scripts
    page.goto(f"{site_server}/team/{CHALLENGES}/")
    page.wait_for_selector(".tk-teamview--js")
    assert axe_violations(page, "team view, empty") == []
    combine(page, site_server, CHALLENGES, _files("challenges") + [FIX / "bad-other-tool.json"])
    assert axe_violations(page, "team view, filled") == []


@pytest.mark.browser
def test_without_javascript_the_page_says_what_team_view_needs(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_server}/team/{READINESS}/")
        assert page.locator(".tk-teamview-nojs").is_visible()
        assert "needs JavaScript" in page.locator(".tk-teamview-nojs").inner_text()
        assert page.locator(".tk-teamview-items li").count() == 17  # what the tool asks, readable
    finally:
        context.close()


@pytest.mark.browser
def test_export_carries_the_name_the_person_typed(page, site_server):
    from .test_browser_tools import open_actions

    page.goto(f"{site_server}/tools/{CHALLENGES}/")
    page.locator(f"#{CHALLENGES}--coproduction--developing").check()
    open_actions(page, CHALLENGES)
    bar = page.locator(f".tk-tool[data-tool='{CHALLENGES}'] .tk-bar")
    with page.expect_download() as info:
        bar.get_by_role("button", name="Export this tool (JSON)").click()
    assert "person" not in json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    bar.get_by_label("For team view: the name or initials").fill("  Jo  ")
    with page.expect_download() as info:
        bar.get_by_role("button", name="Export this tool (JSON)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["person"] == "Jo" and data["tools"][CHALLENGES]["items"]["coproduction"]["rating"] == "developing"
    # The team view link on the tool page leads to that tool's team view.
    page.get_by_role("link", name="Team view").click()
    assert page.url.rstrip("/").endswith(f"/team/{CHALLENGES}")


def test_team_pages_for_kinds_with_answers_and_opt_out(built_site):
    from types import SimpleNamespace

    catalog = load_catalog(DOCS)
    offered = {t for t, e in catalog.tools.items() if e.tool.offers_team_view()}
    kinds = {catalog.tools[t].tool.kind for t in offered}
    assert kinds == {"checklist", "reflection", "template"}
    made = {p.name for p in (built_site / "team").iterdir() if p.is_dir()}
    assert made == offered
    index = BeautifulSoup((built_site / "team/index.html").read_text(encoding="utf-8"), "html.parser")
    linked = {a["href"].strip("/").split("/")[0] for a in index.select("article li a[href]")}
    assert offered <= linked
    flow = next(t for t, e in catalog.tools.items() if e.tool.kind == "flow")
    assert "tk-teamview-link" not in (built_site / "tools" / flow / "index.html").read_text(encoding="utf-8")
    assert "tk-teamview-link" in (built_site / "tools" / CHALLENGES / "index.html").read_text(encoding="utf-8")
    # A tool opts out with `team_view: false`: no team page, no link.
    out = catalog.tools[CHALLENGES].tool.model_copy(update={"team_view": False})
    kept = catalog.tools[READINESS].tool
    pages = team.team_pages(SimpleNamespace(tools={t.id: SimpleNamespace(tool=t) for t in (out, kept)}))
    assert set(pages) == {addresses.team_uri(READINESS), addresses.TEAM_INDEX_URI}
    assert CHALLENGES not in pages[addresses.TEAM_INDEX_URI]


@pytest.mark.browser
def test_a_tools_own_status_words_and_old_saved_statuses(page, site_server, tmp_path):
    """Status words are the tool's own; a status saved before the words changed shows as the word
    that replaced it, and a tick saved before the list had statuses as the word that counts as done."""
    tool_id, title = "imroc-coproduction-principles", "ImROC co-production principles"
    item = _tool(tool_id)["items"][0]["id"]
    answers = {"Ann": {"status": "done"}, "Bo": {"status": "partly"}, "Cy": {"status": "not-yet"}, "Di": {"checked": True}}
    files = []
    for name, answer in answers.items():
        record = {"tool": tool_id, "kind": "checklist", "title": title, "version": 1, "updated": "", "format": 2,
                  "items": {item: answer}}
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"format": "lived-experience-toolkit-answers", "version": 2, "exported": "",
                                    "tools": {tool_id: record}, "person": name}), encoding="utf-8")
        files.append(path)
    combine(page, site_server, tool_id, files)
    spread = item_box(page, tool_id, item).locator(".tk-teamview-spread tr")
    rows = {r.locator("th").inner_text(): int(r.locator(".tk-teamview-n").inner_text()) for r in spread.all()}
    assert rows == {"In place": 2, "Partly": 1, "Not yet": 1, "Not applicable": 0}
    cells = item_box(page, tool_id, item).locator("tbody tr td:first-of-type").all_inner_texts()
    assert cells == ["In place", "Partly", "Not yet", "In place"]
    first = [a.get_attribute("href") for a in page.locator(".tk-teamview-first li a").all()]
    assert f"#tv-{tool_id}--{item}" in first  # in place against not yet: two levels apart


@pytest.mark.browser
def test_a_checklists_boxes_beside_items_show_with_the_item(page, site_server, tmp_path):
    """item_fields answers (saved as <item>-<field>) show in the item's row, in the CSV too, and
    never among answers to items the tool no longer has."""
    tool_id = "only-peer-worker-in-the-team"
    tool = _tool(tool_id)
    items = [i for s in tool.get("sections", [{"items": tool.get("items", [])}]) for i in s["items"]]
    first, field = items[0]["id"], tool["item_fields"][0]
    files = []
    for name, status, plan in (("Asha", "in-place", "Monthly meeting with the peer lead"), ("Ben", "not-yet", "")):
        record = {"tool": tool_id, "kind": "checklist", "title": tool["title"], "version": tool["version"],
                  "updated": "2026-12-01T10:00:00.000Z", "format": 2, "items": {first: {"status": status, "label": first}}}
        if plan:
            record["items"][f"{first}-{field['id']}"] = {"text": plan, "label": field["label"]}
        out = tmp_path / f"{name.lower()}.json"
        export = {"format": "lived-experience-toolkit-answers", "version": 2, "exported": "2026-12-01T10:00:01.000Z",
                  "person": name, "tools": {tool_id: record}}
        out.write_text(json.dumps(export), encoding="utf-8")
        files.append(out)
    combine(page, site_server, tool_id, files)
    row = item_box(page, tool_id, first).locator("tbody tr").first
    assert f"{field['label']}: Monthly meeting with the peer lead" in row.inner_text()
    assert page.locator(".tk-teamview-gone").count() == 0
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert f"{field['label']}: Monthly meeting with the peer lead" in text
