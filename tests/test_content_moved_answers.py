"""Issue 21: tools reworked or merged keep the answers people saved before (headless Chromium).

tests/fixtures/stored-moved/before-issue-21.json is localStorage as the earlier versions of the
changed tools left it. Where an item's id is unchanged its answer shows in place; where the tool
changed kind, the old answers show under "Answers to items no longer in this tool" with their
wording, until the user deletes them. The Paper 16 checklist merged into another tool stays on the
device untouched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    "coproduction-key-features": ["People who use services have chances to build two-way relationships", "Ticked"],
}


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
    stored = json.loads(page.evaluate(SNAPSHOT)[f"tk:tool:{tool_id}"])
    assert {k: v for k, v in stored["items"].items()} == json.loads(BEFORE[f"tk:tool:{tool_id}"])["items"]
    assert errors == []


def test_reworded_checklist_keeps_its_ticks_in_place(page, site_server):
    seed(page, site_server)
    page.goto(f"{site_server}/tools/sharing-risks/")
    assert page.locator("#sharing-risks--focus-input").is_checked()
    assert page.locator(".tk-tool[data-tool='sharing-risks'] .tk-orphans").is_hidden()


def test_merged_tool_leaves_the_old_answers_on_the_device(page, site_server):
    seed(page, site_server)
    page.goto(f"{site_server}/tools/nef-coproduction-elements/")
    page.wait_for_url("**/tools/coproduction-key-features/**")
    kept = json.loads(page.evaluate(SNAPSHOT)["tk:tool:nef-coproduction-elements"])
    assert kept == json.loads(BEFORE["tk:tool:nef-coproduction-elements"])
