"""A checklist's `item_fields` boxes (owner, target date...) keep what is typed (headless Chromium).

Each box is an answer of its own, `{text}` under `<item>-<field>` (the end of its stable anchor):
saved as typed, shown again after a reload, in the downloads and exports, imported back, cleared
with the tool, and printed with the answers (never in a blank print).
"""

from __future__ import annotations

import json

import pytest

from .test_browser_tools import clear, download, import_and_confirm, stored

pytestmark = pytest.mark.browser

TOOL = "lived-experience-strategy-planner"  # docs/tools: statuses and item_fields owner, target-date


def _boxes(page, item: str):
    root = page.locator(f".tk-tool[data-tool='{TOOL}'] li[data-item='{item}']")
    return root.locator("input[data-field='owner']"), root.locator("input[data-field='target-date']")


def _first_item(page) -> str:
    return page.locator(f".tk-tool[data-tool='{TOOL}'] li.tk-item[data-item]").first.get_attribute("data-item")


def test_typed_item_fields_are_saved_restored_exported_and_cleared(page, site_server, tmp_path):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_server}/404.html")
    page.evaluate("localStorage.clear()")
    page.goto(f"{site_server}/tools/{TOOL}/")
    item = _first_item(page)
    owner, due = _boxes(page, item)
    owner.fill("Amina, HR lead")
    due.fill("2027-03-01")
    page.locator(f".tk-tool[data-tool='{TOOL}'] li[data-item='{item}'] .tk-status-choice").first.check()

    saved = stored(page, TOOL)["items"]
    assert saved[f"{item}-owner"]["text"] == "Amina, HR lead"
    assert saved[f"{item}-target-date"]["text"] == "2027-03-01"
    assert saved[f"{item}-owner"]["label"].endswith("\u2014 Owner")
    assert "status" in saved[item]  # the item's own answer is separate

    page.reload()
    owner, due = _boxes(page, item)
    assert owner.input_value() == "Amina, HR lead"
    assert due.input_value() == "2027-03-01"
    assert page.locator(f".tk-tool[data-tool='{TOOL}'] .tk-orphans").is_hidden()  # the tool's own ids

    exported = json.loads(download(page, TOOL, "Export this tool (JSON)"))
    assert exported["tools"][TOOL]["items"][f"{item}-owner"]["text"] == "Amina, HR lead"
    assert exported["tools"][TOOL]["items"][f"{item}-target-date"]["text"] == "2027-03-01"
    text = download(page, TOOL, "Download as plain text")
    assert "Owner: Amina, HR lead" in text and "Target date: 2027-03-01" in text

    clear(page, TOOL, "Clear this tool", "Clear")
    owner, due = _boxes(page, item)
    assert owner.input_value() == "" and due.input_value() == ""
    assert stored(page, TOOL) is None

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    import_and_confirm(page, TOOL, path)
    owner, due = _boxes(page, item)
    assert owner.input_value() == "Amina, HR lead"
    assert due.input_value() == "2027-03-01"
    assert errors == []


@pytest.mark.parametrize(("mode", "shown"), [("answers", True), ("blank", False)])
def test_item_fields_print_with_answers_and_never_blank(page, site_server, mode, shown):
    page.goto(f"{site_server}/404.html")
    page.evaluate("localStorage.clear()")
    page.goto(f"{site_server}/tools/{TOOL}/")
    item = _first_item(page)
    _boxes(page, item)[0].fill("Amina")
    page.goto(f"{site_server}/tools/{TOOL}/?print={mode}")
    owner = _boxes(page, item)[0]
    assert owner.input_value() == "Amina"
    page.emulate_media(media="print")
    color = owner.evaluate("el => getComputedStyle(el).color")
    assert (color != "rgba(0, 0, 0, 0)") is shown, color


def test_item_field_ids_are_the_stable_anchors(site_server, page):
    """The key an answer is saved under is the end of the box's anchor (tool--item-field)."""
    page.goto(f"{site_server}/tools/{TOOL}/")
    box = page.locator(f".tk-tool[data-tool='{TOOL}'] input.tk-item-answer").first
    item = box.evaluate("el => el.closest('[data-item]').getAttribute('data-item')")
    assert box.get_attribute("name") == f"{TOOL}--{item}-{box.get_attribute('data-field')}"
