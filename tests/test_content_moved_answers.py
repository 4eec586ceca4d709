"""Issue 21: tools reworked or merged keep the answers people saved before (headless Chromium).

tests/fixtures/stored-moved/before-issue-21.json is localStorage as the earlier versions of the
changed tools left it. Where an item's id is unchanged its answer shows in place; where the tool
changed kind, the old answers show under "Answers to items no longer in this tool" with their
wording, until the user deletes them. The Paper 16 checklist merged into another tool (its id in the
new tool's `moved_from`) hands its answers over: they move into the new tool's record, in place
where an item id is the same, with the answers to removed items otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_browser_tools import download

pytestmark = pytest.mark.browser

BEFORE = json.loads((Path(__file__).parent / "fixtures" / "stored-moved" / "before-issue-21.json").read_text(encoding="utf-8"))
SNAPSHOT = "() => Object.fromEntries(Array.from({length: localStorage.length}, (_, i) => localStorage.key(i)).map(k => [k, localStorage.getItem(k)]))"

#: tool -> words that must show in its box of earlier answers
ORPHANS = {
    "senior-peer-support-worker-checklist": ["Leadership.", "Leadership course booked for March", "Status: In progress",
                                             "A smaller caseload of one-to-one work"],
    "direct-and-indirect-lived-experience-work": ["Running or facilitating groups", "Hearing voices group on Thursdays"],
    "live-well-training-programme": ["Day 1: personalised care and support planning", "Ticked"],
    "triangle-that-moves-mountains": ["Leaders — we involve and influence local leaders", "Ask the council lead"],
    "coproduction-key-features": ["People who use services have chances to build two-way relationships", "Ticked",
                                  "As a public service, we act as a catalyst for change", "Status: Done"],
}
#: tool -> the tools it replaces (moved_from), whose stored answers move into it
MERGED = {"coproduction-key-features": ["nef-coproduction-elements"]}


def seed(page, base: str) -> None:
    page.goto(f"{base}/404.html")
    page.evaluate("s => { localStorage.clear(); for (const k in s) localStorage.setItem(k, s[k]); }", BEFORE)


@pytest.mark.parametrize("tool_id", sorted(ORPHANS))
def test_answers_saved_before_the_change_are_shown_and_kept(page, site_server, tool_id):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    seed(page, site_server)
    page.goto(f"{site_server}/tools/{tool_id}/")
    box = page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-orphans")
    box.wait_for()
    assert box.is_visible()
    shown = box.inner_text()
    for words in ORPHANS[tool_id]:
        assert words in shown, (words, shown)
    store = page.evaluate(SNAPSHOT)
    stored = json.loads(store[f"tk:tool:{tool_id}"])
    expected = json.loads(BEFORE[f"tk:tool:{tool_id}"])["items"]
    for old in MERGED.get(tool_id, []):
        expected.update(json.loads(BEFORE[f"tk:tool:{old}"])["items"])
        assert f"tk:tool:{old}" not in store  # moved whole: the old record is gone
    assert stored["items"] == expected
    assert errors == []


def test_reworded_checklist_keeps_its_ticks_in_place(page, site_server):
    seed(page, site_server)
    page.goto(f"{site_server}/tools/sharing-risks/")
    assert page.locator("#sharing-risks--focus-input").is_checked()
    assert page.locator(".tk-tool[data-tool='sharing-risks'] .tk-orphans").is_hidden()


def test_merged_tools_answers_show_on_the_tool_that_replaces_it_and_stay_in_exports(page, site_server):
    seed(page, site_server)
    page.goto(f"{site_server}/tools/nef-coproduction-elements/")
    page.wait_for_url("**/tools/coproduction-key-features/**")
    box = page.locator(".tk-tool[data-tool='coproduction-key-features'] .tk-orphans")
    box.wait_for()
    assert "As a public service, we act as a catalyst for change" in box.inner_text()
    old = json.loads(BEFORE["tk:tool:nef-coproduction-elements"])["items"]["catalysts"]
    exported = json.loads(download(page, "coproduction-key-features", "Export all my answers (JSON)"))
    assert exported["tools"]["coproduction-key-features"]["items"]["catalysts"] == old
    assert "nef-coproduction-elements" not in exported["tools"]
    # Deleted here, it is gone for good: nothing brings it back on the next load.
    box.get_by_role("button", name="Delete your answer to: As a public service").click()
    page.reload()
    box.wait_for()  # the tool's own answer to a removed item is still there
    assert "As a public service" not in box.inner_text()
    assert "catalysts" not in json.loads(page.evaluate(SNAPSHOT)["tk:tool:coproduction-key-features"])["items"]


def test_replaced_tools_answers_to_the_same_item_ids_show_in_place_and_never_overwrite(page, site_server):
    """A renamed tool (moved_from, same item ids): its answers come back in their boxes; an item
    the new tool has answered already keeps the new answer, and the old one stays in the old record."""
    store = {
        "tk:tool:nef-coproduction-elements": json.dumps({
            "tool": "nef-coproduction-elements", "kind": "reflection", "title": "Old", "version": 1, "updated": "", "format": 2,
            "items": {"reciprocity-evidence": {"text": "Minutes of the March meeting", "label": "What shows this now?"},
                      "facilitating-better": {"text": "old words", "label": "What would show it better?"}}}),
        "tk:tool:coproduction-key-features": json.dumps({
            "tool": "coproduction-key-features", "kind": "reflection", "title": "New", "version": 2, "updated": "", "format": 2,
            "items": {"facilitating-better": {"text": "new words", "label": "What would show it better?"}}}),
    }
    page.goto(f"{site_server}/404.html")
    page.evaluate("s => { localStorage.clear(); for (const k in s) localStorage.setItem(k, s[k]); }", store)
    page.goto(f"{site_server}/tools/coproduction-key-features/")
    tool = page.locator(".tk-tool[data-tool='coproduction-key-features']")
    assert tool.locator("[data-item='reciprocity-evidence'] .tk-answer").input_value() == "Minutes of the March meeting"
    assert tool.locator("[data-item='facilitating-better'] .tk-answer").input_value() == "new words"
    assert tool.locator(".tk-orphans").is_hidden()
    after = page.evaluate(SNAPSHOT)
    assert json.loads(after["tk:tool:nef-coproduction-elements"])["items"] == {
        "facilitating-better": {"text": "old words", "label": "What would show it better?"}}
    assert json.loads(after["tk:tool:coproduction-key-features"])["items"]["reciprocity-evidence"]["text"] == "Minutes of the March meeting"
