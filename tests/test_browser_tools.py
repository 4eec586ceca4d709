"""The browser layer (toolkit/browser/*/*.js) in headless Chromium, on a scratch copy of the site.

The scratch copy (the small project of tests/mini.py, built once per session: conftest.py
`scratch_site`) adds three fixture tools from tests/fixtures/browser (a checklist with
statuses, a decision flow and a biography-like template), so these tests do not depend on
which content tools exist. Each test gets its own browser context: storage starts empty.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import BROWSER_FIXTURES, build_site, serve
from .mini import mini_project

pytestmark = pytest.mark.browser

FIXTURES = BROWSER_FIXTURES
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    "مرحبا بالعالم — שלום עולם",
    "Emoji 🙂👩🏽‍⚕️🏳️‍🌈",
]


def make_project(root: Path) -> Path:
    """The small project (tests/mini.py) in `root` with the fixture tools; return root."""
    return mini_project(root, sorted(FIXTURES.glob("*.yml")))


@pytest.fixture
def base(scratch_site: str) -> str:
    """Base URL of the scratch site with the fixture tools (built once per session, conftest.py)."""
    return scratch_site


@pytest.fixture
def errors(page) -> list[str]:
    """Uncaught page errors; tests assert it stays empty."""
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(str(e)))
    # The toolkit asks its questions in the page: a window.confirm, alert or prompt is an error.
    page.on("dialog", lambda d: (found.append(f"window dialog: {d.message}"), d.dismiss()))
    return found


def stored(page, tool_id: str) -> dict | None:
    raw = page.evaluate("id => localStorage.getItem('tk:tool:' + id)", tool_id)
    return json.loads(raw) if raw else None


def open_print_save(page, tool_id: str) -> None:
    """Open the tool's "Print and save" disclosure, which holds the saving switch and the actions."""
    box = page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-print-save")
    if box.get_attribute("open") is None:
        box.locator("> summary").click()


def open_actions(page, tool_id: str) -> None:
    open_print_save(page, tool_id)
    summary = page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-actions > summary")
    if page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-actions").get_attribute("open") is None:
        summary.click()


def download(page, tool_id: str, button: str) -> str:
    open_actions(page, tool_id)
    with page.expect_download() as info:
        page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-bar").get_by_role("button", name=button).click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def import_file(page, tool_id: str, path: Path) -> None:
    """Choose `path` in the tool's "Import answers from a file" control."""
    open_actions(page, tool_id)
    page.locator(f".tk-tool[data-tool='{tool_id}']").get_by_label("Import answers from a file").set_input_files(str(path))


def clear(page, tool_id: str, button: str, answer: str) -> str:
    """Click `button` ("Clear this tool" or "Clear all my answers on this device") in the tool's
    actions and `answer` (Clear, Clear all or Cancel) in the page's own question; return its text."""
    open_actions(page, tool_id)
    page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-bar").get_by_role("button", name=button).click()
    dialog = page.get_by_role("alertdialog")
    text = dialog.inner_text()
    dialog.get_by_role("button", name=answer, exact=True).click()
    assert dialog.count() == 0
    return text


def import_and_confirm(page, tool_id: str, path: Path, before_confirm=None) -> str:
    """Import `path` from the open page's tool and click Import in the page's own question;
    return the question's text. `before_confirm` runs while the question is showing."""
    import_file(page, tool_id, path)
    dialog = page.get_by_role("alertdialog")
    text = dialog.inner_text()
    if before_confirm is not None:
        before_confirm()
    dialog.get_by_role("button", name="Import").click()
    return text


# --------------------------------------------------------------------------- each kind


def test_checklist_ticks_statuses_notes_and_progress_survive_reload(page, base, errors):
    page.goto(f"{base}/tools/test-list/")
    progress = page.locator(".tk-progress")
    assert progress.get_attribute("role") == "status"
    assert progress.inner_text() == "0 of 3 done"
    assert page.locator("[data-tool='test-list'] .tk-check").count() == 0  # one control per item: the status
    page.locator("#test-list--alpha--done").check()
    page.locator("#test-list--beta--in-progress").check()
    page.locator("#test-list--gamma--na").check()
    page.locator("#test-list--gamma .tk-note > summary").click()
    page.locator("#test-list--gamma-note").fill("Not our service")
    assert progress.inner_text() == "1 of 2 done, 1 not applicable"
    page.reload()
    assert page.locator("#test-list--alpha--done").is_checked()
    assert page.locator("#test-list--beta--in-progress").is_checked()
    assert page.locator("#test-list--gamma--na").is_checked()
    assert page.locator("#test-list--gamma-note").input_value() == "Not our service"
    assert progress.inner_text() == "1 of 2 done, 1 not applicable"
    saved = stored(page, "test-list")["items"]
    assert set(saved) == {"alpha", "beta", "gamma"}
    assert saved["gamma"]["label"] == "Gamma item"
    assert saved["alpha"] == {"status": "done", "label": "Alpha item"}
    page.locator("#test-list--alpha--not-started").check()
    assert stored(page, "test-list")["items"]["alpha"]["status"] == "not-started"
    assert "Clear all your answers to \u201cTest checklist\u201d" in clear(page, "test-list", "Clear this tool", "Clear")
    assert stored(page, "test-list") is None
    assert page.locator("#test-list input.tk-status-choice:checked").count() == 0
    assert progress.inner_text() == "0 of 3 done"
    assert errors == []


def test_checklist_without_statuses_has_no_status_control(page, base, errors):
    page.goto(f"{base}/tools/sharing-risks/")
    assert page.locator(".tk-status").count() == 0
    page.get_by_label("It does not turn into a contest", exact=False).check()
    page.reload()
    assert page.get_by_label("It does not turn into a contest", exact=False).is_checked()
    assert "1 of" in page.locator(".tk-progress").inner_text()
    assert errors == []


def test_reflection_answers_grow_and_survive_reload(page, base, errors):
    page.goto(f"{base}/tools/preparing-to-share/")
    box = page.locator("#preparing-to-share--experiences-input")
    part = page.locator("#preparing-to-share--comfortable-colleagues-input")
    before = box.bounding_box()["height"]
    box.fill("\n".join(f"line {i}" for i in range(30)))
    assert box.bounding_box()["height"] > before * 2
    part.fill("Only my hobbies")
    page.reload()
    assert box.input_value().startswith("line 0\nline 1")
    assert part.input_value() == "Only my hobbies"
    assert box.bounding_box()["height"] > before * 2
    items = stored(page, "preparing-to-share")["items"]
    assert items["comfortable-colleagues"]["text"] == "Only my hobbies"
    assert "With colleagues" in items["comfortable-colleagues"]["label"]
    assert errors == []


def test_template_preview_warning_and_reload(page, base, errors):
    page.goto(f"{base}/tools/test-bio/")
    page.get_by_label("Your name").fill("Sam")
    why = page.get_by_label("Why I do this work")
    why.fill("I know what helped me.\n\nAnd what did not.")
    preview = page.locator(".tk-preview")
    preview.get_by_text("And what did not.").wait_for()
    assert preview.locator(".tk-doc-title").inner_text() == "About me"
    assert preview.locator(".tk-doc-text").all_inner_texts() == ["Sam", "I know what helped me.", "And what did not."]
    warning = page.locator("#test-bio--why-input-warning")
    assert warning.is_hidden()
    for text, kind in [
        ("Ring me on 07700 900123", "phone number"),
        ("Write to sam.jones@example.org", "email address"),
        ("I live at 12 Acacia Avenue", "home address"),
        ("Post to LS1 4AP please", "home address"),
    ]:
        why.fill(text)
        expect(warning).to_be_visible()  # the check loads (contact.js) with the first answer to check
        expect(warning).to_contain_text(kind)
        assert "test-bio--why-input-warning" in why.get_attribute("aria-describedby")
    page.reload()
    assert why.input_value() == "Post to LS1 4AP please"  # a warning, not a block: it was saved
    expect(warning).to_be_visible()
    why.fill("I started as a support worker in 2010 and have 12 years in the NHS.")
    expect(warning).to_be_hidden()
    assert errors == []


def test_meet_the_team_combines_exported_biographies(page, base, errors, tmp_path):
    page.goto(f"{base}/tools/test-bio/")
    page.get_by_role("button", name="Start a \u201cMeet the team\u201d sheet").click()  # loads team.js
    files = []
    for name, role in [("Asha", "Peer support worker"), ("Ben", "Nurse")]:
        page.get_by_label("Your name").fill(name)
        page.get_by_label("Current role").fill(role)
        path = tmp_path / f"{name}.json"
        path.write_text(download(page, "test-bio", "Export this tool (JSON)"), encoding="utf-8")
        files.append(str(path))
    page.get_by_label("Add exported files").set_input_files(files)
    sheet = page.locator(".tk-team-sheet")
    sheet.locator(".tk-person").nth(1).wait_for()
    assert sheet.locator(".tk-person-name").all_inner_texts() == ["Asha", "Ben"]
    assert "Peer support worker" in sheet.locator(".tk-person").first.inner_text()
    page.get_by_role("button", name="Remove Asha from the sheet").click()
    assert sheet.locator(".tk-person-name").all_inner_texts() == ["Ben"]
    assert errors == []


def test_flow_one_question_at_a_time_with_back_change_and_restart(page, base, errors):
    page.goto(f"{base}/tools/test-flow/")
    app = page.locator(".tk-flow-app")
    assert page.locator(".tk-flow").is_hidden()  # the numbered tree is the no-JS view
    assert app.locator(".tk-flow-step").inner_text() == "Question 1"
    assert page.get_by_role("button", name="Back", exact=True).is_disabled()
    page.get_by_role("button", name="Yes: go to question 2", exact=True).click()
    assert app.locator(".tk-flow-step").inner_text() == "Question 2"
    assert page.evaluate("document.activeElement.classList.contains('tk-flow-step')")
    page.get_by_role("button", name="Yes: go to question 3", exact=True).click()
    page.get_by_role("button", name="Not sure").click()
    assert app.locator(".tk-flow-step").inner_text() == "Outcome"
    assert "Prepare first" in app.locator(".tk-flow-body").inner_text()
    path = app.locator(".tk-flow-path li")
    assert path.count() == 3
    assert "Is this a good moment? → Not sure" in path.nth(2).inner_text()
    assert page.url.endswith("#test-flow--prepare-first/ready.yes/purpose.yes/timing.not-sure")
    assert app.locator(".tk-live").inner_text() == "Outcome: Prepare first"
    page.reload()
    assert "Prepare first" in app.locator(".tk-flow-body").inner_text()
    assert app.locator(".tk-flow-path li").count() == 3
    # Open the page without the fragment: the saved answers bring the user back.
    page.goto(f"{base}/tools/test-flow/")
    assert "Prepare first" in app.locator(".tk-flow-body").inner_text()
    page.get_by_role("button", name="Back", exact=True).click()
    assert app.locator(".tk-flow-step").inner_text() == "Question 3"
    chosen = page.locator(".tk-choice.tk-chosen")  # the earlier answer, in words as well as a border
    assert chosen.count() == 1 and chosen.inner_text() == "Not sure (your answer before)"
    assert page.locator(".tk-choice[aria-pressed]").count() == 0  # answer buttons move on: not toggles
    page.get_by_role("button", name="Yes: see the outcome", exact=True).click()
    assert "Go ahead, briefly" in app.locator(".tk-flow-body").inner_text()
    page.get_by_role("button", name="Change your answer to: Is it for the other person’s benefit?").click()
    assert app.locator(".tk-flow-step").inner_text() == "Question 2"
    page.get_by_role("button", name="No: see the outcome", exact=True).click()
    assert "Hold back for now" in app.locator(".tk-flow-body").inner_text()
    assert set(stored(page, "test-flow")["items"]) == {"ready", "purpose"}
    page.get_by_role("button", name="Start again").click()
    assert app.locator(".tk-flow-step").inner_text() == "Question 1"
    assert stored(page, "test-flow") is None
    page.get_by_role("button", name="Show the whole flow").click()
    assert page.locator(".tk-flow").is_visible()
    assert errors == []


def test_flow_fragment_link_opens_the_right_step(page, base, errors):
    page.goto(f"{base}/tools/test-flow/#test-flow--timing")
    app = page.locator(".tk-flow-app")
    assert app.locator(".tk-flow-step").inner_text() == "Question 3"
    assert "no earlier answers" in app.inner_text()
    page.goto(f"{base}/tools/test-flow/#test-flow--go-ahead/ready.yes/purpose.yes/timing.yes")
    assert "Go ahead, briefly" in app.locator(".tk-flow-body").inner_text()
    assert app.locator(".tk-flow-path li").count() == 3
    page.evaluate("location.hash = '#test-flow--hold-back/ready.yes/purpose.no'")
    page.wait_for_function("document.querySelector('.tk-flow-body').textContent.includes('Hold back')")
    # A path that does not lead to the node named is ignored, not trusted.
    page.goto(f"{base}/tools/test-flow/#test-flow--go-ahead/ready.no")
    assert "Go ahead, briefly" in app.locator(".tk-flow-body").inner_text()
    assert app.locator(".tk-flow-path li").count() == 0
    assert errors == []


def test_flow_without_javascript_is_a_numbered_tree(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/tools/test-flow/")
    assert page.locator(".tk-flow-question").count() == 3
    assert page.locator(".tk-outcome").count() == 3
    assert page.locator(".tk-flow-app").count() == 0
    assert "go to question 2" in page.locator("#test-flow--ready").inner_text()
    context.close()


# --------------------------------------------------------------------------- saving


def test_export_clear_import_is_identical(page, base, errors, tmp_path):
    page.goto(f"{base}/tools/test-list/")
    page.locator("#test-list--beta--done").check()
    page.goto(f"{base}/tools/test-bio/")
    page.get_by_label("Your name").fill("Sam")
    page.goto(f"{base}/tools/test-flow/#test-flow--hold-back/ready.yes/purpose.no")
    page.get_by_role("button", name="Back", exact=True).click()
    page.goto(f"{base}/tools/preparing-to-share/")
    page.locator("#preparing-to-share--experiences-input").fill("Gardening\n" + HOSTILE[0])
    exported = download(page, "preparing-to-share", "Export all my answers (JSON)")
    before = json.loads(exported)
    assert before["format"] == "lived-experience-toolkit-answers"
    assert set(before["tools"]) == {"test-list", "test-bio", "test-flow", "preparing-to-share"}
    clear(page, "preparing-to-share", "Clear all my answers on this device", "Clear all")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tk:tool:'))") == []
    assert page.locator("#preparing-to-share--experiences-input").input_value() == ""
    path = tmp_path / "answers.json"
    path.write_text(exported, encoding="utf-8")
    import_and_confirm(page, "preparing-to-share", path)
    page.wait_for_function("document.querySelector('#preparing-to-share--experiences-input').value !== ''")
    assert page.locator("#preparing-to-share--experiences-input").input_value() == "Gardening\n" + HOSTILE[0]
    after = json.loads(download(page, "preparing-to-share", "Export all my answers (JSON)"))
    assert after["tools"] == before["tools"]
    page.goto(f"{base}/tools/test-list/")
    assert page.locator("#test-list--beta--done").is_checked()
    one = json.loads(download(page, "test-list", "Export this tool (JSON)"))
    assert list(one["tools"]) == ["test-list"]
    assert errors == []


def test_markdown_and_text_downloads(page, base, errors):
    page.goto(f"{base}/tools/test-list/")
    page.locator("#test-list--alpha--done").check()
    md = download(page, "test-list", "Download as Markdown")
    assert md.startswith("# Test checklist\n")
    assert "- [x] Alpha item (Done)" in md and "- [ ] Beta item (no status yet)" in md
    page.goto(f"{base}/tools/test-bio/")
    page.get_by_label("Why I do this work").fill("Because it matters")
    txt = download(page, "test-bio", "Download as plain text")
    assert txt.startswith("Test biography\n") and "Why I do this work\n\nBecause it matters" in txt
    assert "#" not in txt.splitlines()[0]
    assert errors == []


def test_saving_switch_off_keeps_nothing_new(page, base, errors):
    page.goto(f"{base}/tools/test-list/")
    page.locator("#test-list--alpha--done").check()
    open_print_save(page, "test-list")
    switch = page.get_by_label("Save my answers on this device")
    assert switch.is_checked()
    switch.uncheck()
    assert "Saving is off" in page.locator(".tk-where").inner_text()
    page.locator("#test-list--beta--done").check()
    assert set(stored(page, "test-list")["items"]) == {"alpha"}
    page.reload()
    open_print_save(page, "test-list")
    assert not page.get_by_label("Save my answers on this device").is_checked()
    assert page.locator("#test-list--alpha--done").is_checked() and not page.locator("#test-list--beta--done").is_checked()
    page.get_by_label("Save my answers on this device").check()
    page.locator("#test-list--gamma--done").check()
    assert set(stored(page, "test-list")["items"]) == {"alpha", "gamma"}
    assert errors == []


def test_storage_unavailable_still_works_and_says_so(browser, base):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/tools/test-list/")
    assert "will not be kept" in page.locator(".tk-where").inner_text()
    assert page.get_by_label("Save my answers on this device").is_disabled()
    page.locator("#test-list--alpha--done").check()
    assert page.locator(".tk-progress").inner_text() == "1 of 3 done"
    md = download(page, "test-list", "Download as Markdown")
    assert "- [x] Alpha item" in md
    page.goto(f"{base}/tools/test-flow/")
    page.get_by_role("button", name="No: see the outcome", exact=True).click()
    assert "Prepare first" in page.locator(".tk-flow-body").inner_text()
    assert errors == []
    context.close()


def test_hostile_input_is_shown_as_text(page, base, errors, tmp_path):
    page.goto(f"{base}/tools/test-bio/")
    why = page.get_by_label("Why I do this work")
    text = "\n\n".join(HOSTILE)
    why.fill(text)
    page.get_by_label("Your name").fill("x" * 100_000)
    preview = page.locator(".tk-preview")
    preview.get_by_text(HOSTILE[3]).wait_for()
    assert preview.locator(".tk-doc-text").all_inner_texts()[1:] == HOSTILE
    assert preview.locator("img, script").count() == 0
    page.reload()
    assert why.input_value() == text
    assert len(page.get_by_label("Your name").input_value()) == 100_000
    # An imported file with hostile labels and an item no longer in the tool.
    bad = {"format": "lived-experience-toolkit-answers", "version": 1, "tools": {"test-bio": {
        "tool": "test-bio", "kind": "template", "title": "<b>x</b>", "version": 1, "updated": "",
        "items": {"gone": {"label": HOSTILE[1], "text": HOSTILE[0]}, "why": {"text": HOSTILE[1]}}}}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    import_and_confirm(page, "test-bio", path)
    orphan = page.locator(".tk-orphan")
    orphan.wait_for()
    assert orphan.locator(".tk-orphan-label").inner_text() == HOSTILE[1]
    assert orphan.locator(".tk-orphan-answer").inner_text() == HOSTILE[0]
    assert page.locator(".tk-tool img, .tk-tool b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == []


def test_two_tabs_do_not_overwrite_each_other(browser, base):
    context = browser.new_context()
    one, two = context.new_page(), context.new_page()
    one.goto(f"{base}/tools/test-bio/")
    two.goto(f"{base}/tools/test-bio/")
    one.get_by_label("Your name").fill("From tab one")
    two.wait_for_function("document.querySelector('#test-bio--name-input').value === 'From tab one'")
    two.get_by_label("Current role").fill("From tab two")
    one.wait_for_function("document.querySelector('#test-bio--role-input').value === 'From tab two'")
    items = stored(one, "test-bio")["items"]
    assert items["name"]["text"] == "From tab one" and items["role"]["text"] == "From tab two"
    # Both tabs editing the same answer: the busy tab is asked, not overwritten.
    two.get_by_label("Why I do this work").fill("Tab two's version")
    one.get_by_label("Why I do this work").fill("Tab one's version")
    two.locator(".tk-conflict").wait_for()
    assert two.get_by_label("Why I do this work").input_value() == "Tab two's version"
    two.get_by_role("button", name="Keep what is on this page").click()
    assert stored(two, "test-bio")["items"]["why"]["text"] == "Tab two's version"
    assert stored(two, "test-bio")["items"]["name"]["text"] == "From tab one"
    context.close()


# --------------------------------------------------------------------------- content changes


def test_changed_tool_keeps_answers_by_id_and_archives_removed_ones(browser, tmp_path):
    root = make_project(tmp_path)
    site = root / "site"
    build_site(root / "mkdocs.yml", site)
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/tools/test-list/")
        page.locator("#test-list--alpha--done").check()
        page.locator("#test-list--beta--done").check()
        page.locator("#test-list--beta .tk-note > summary").click()
        page.locator("#test-list--beta-note").fill("Beta note")
        page.locator("#test-list--gamma--in-progress").check()
        page.goto(f"{url}/tools/test-bio/")
        page.get_by_label("Current role").fill("Nurse")
        page.get_by_label("Why I do this work").fill("Because")
        # Remove beta, add delta, reorder (gamma first, reworded); drop the bio's role field.
        yml = root / "docs" / "tools" / "test-list.yml"
        text = yml.read_text(encoding="utf-8").split("items:")[0]
        yml.write_text(text + "items:\n  - {id: gamma, text: Gamma item reworded}\n"
                       "  - {id: delta, text: Delta item}\n  - {id: alpha, text: Alpha item}\n", encoding="utf-8")
        bio = root / "docs" / "tools" / "test-bio.yml"
        bio_text = bio.read_text(encoding="utf-8")
        start = bio_text.index("  - id: role")
        bio.write_text(bio_text[:start] + bio_text[bio_text.index("  - id: why"):], encoding="utf-8")
        build_site(root / "mkdocs.yml", site)
        page.goto(f"{url}/tools/test-list/")
        assert page.locator("li.tk-item").evaluate_all("els => els.map(e => e.dataset.item)") == ["gamma", "delta", "alpha"]
        assert page.locator("#test-list--alpha--done").is_checked()
        assert page.locator("#test-list--gamma--in-progress").is_checked()
        assert page.locator("#test-list--delta input:checked").count() == 0
        assert page.locator(".tk-progress").inner_text() == "1 of 3 done"
        orphans = page.locator(".tk-orphans")
        assert "Answers to items no longer in this tool" in orphans.inner_text()
        assert orphans.locator(".tk-orphan-label").inner_text() == "Beta item"
        assert "Beta note" in orphans.locator(".tk-orphan-answer").inner_text()
        md = download(page, "test-list", "Download as Markdown")
        assert "Answers to items no longer in this tool" in md and "Beta note" in md
        page.reload()
        assert page.locator(".tk-orphan").count() == 1  # kept until the user deletes it
        page.get_by_role("button", name="Delete your answer to: Beta item").click()
        assert page.locator(".tk-orphans").is_hidden()
        assert set(stored(page, "test-list")["items"]) == {"alpha", "gamma"}
        page.goto(f"{url}/tools/test-bio/")
        assert page.get_by_label("Why I do this work").input_value() == "Because"
        assert page.locator(".tk-orphan-label").inner_text() == "Current role"
        assert page.locator(".tk-orphan-answer").inner_text() == "Nurse"
        context.close()


# --------------------------------------------------------------------------- keyboard, print, navigation


def test_flow_and_checklist_by_keyboard_only_with_visible_focus(page, base, errors):
    page.goto(f"{base}/tools/test-flow/")
    page.locator(".tk-flow-step").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Yes"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.locator(".tk-flow-step").inner_text() == "Question 2"
    assert page.evaluate("document.activeElement.classList.contains('tk-flow-step')")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # to "No"
    page.keyboard.press("Enter")
    assert "Hold back for now" in page.locator(".tk-flow-body").inner_text()
    page.goto(f"{base}/tools/test-list/")
    page.locator("#test-list--alpha--done").focus()
    page.keyboard.press("Space")
    assert page.locator(".tk-progress").inner_text() == "1 of 3 done"
    heights = page.locator(".tk-tool select, .tk-actions > summary, .tk-note > summary").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24  # WCAG 2.2 target size (minimum)
    assert errors == []


def test_clear_asks_in_the_page_by_keyboard_and_cancel_clears_nothing(page, base, errors):
    from axe_playwright_python.base import AXE_SCRIPT

    from .sweep import axe_violations

    page.goto(f"{base}/tools/test-list/")
    page.locator("#test-list--alpha--done").check()
    open_actions(page, "test-list")
    bar = page.locator(".tk-tool[data-tool='test-list'] .tk-bar")
    live = bar.locator(".tk-live")
    bar.get_by_role("button", name="Clear this tool").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("alertdialog", name="Clear all your answers to \u201cTest checklist\u201d on this device?")
    assert "Export them first if you may need them." in dialog.inner_text()
    # Focus moves to the question's safe answer; Tab stays on its two buttons.
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    assert dialog.get_attribute("aria-modal") == "true"
    page.add_script_tag(content=AXE_SCRIPT)
    assert axe_violations(page, "the Clear question") == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Clear"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Enter")
    assert dialog.count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Clear this tool"  # back where it was
    page.wait_for_function("el => el.textContent === 'Nothing cleared.'", arg=live.element_handle())
    assert page.locator("#test-list--alpha--done").is_checked() and stored(page, "test-list") is not None
    page.keyboard.press("Enter")  # asks again; Escape cancels too
    dialog.wait_for()
    page.keyboard.press("Escape")
    assert dialog.count() == 0 and stored(page, "test-list") is not None
    bar.get_by_role("button", name="Clear all my answers on this device").focus()
    page.keyboard.press("Enter")
    page.get_by_role("alertdialog", name="Clear your answers to every tool on this device?").wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Clear all"
    page.keyboard.press("Enter")
    assert stored(page, "test-list") is None and not page.locator("#test-list--alpha--done").is_checked()
    page.wait_for_function("el => el.textContent === 'All your answers on this device are cleared.'", arg=live.element_handle())
    assert errors == []  # no window.confirm


def test_print_blank_hides_answers_and_controls(page, base, errors):
    page.goto(f"{base}/tools/preparing-to-share/")
    box = page.locator("#preparing-to-share--experiences-input")
    box.fill("Private words")
    page.emulate_media(media="print")
    assert page.locator(".tk-bar").is_hidden()
    assert box.evaluate("e => getComputedStyle(e).color") != "rgba(0, 0, 0, 0)"
    page.evaluate("document.documentElement.classList.add('tk-print-blank')")
    assert box.evaluate("e => getComputedStyle(e).color") == "rgba(0, 0, 0, 0)"
    assert errors == []


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    """Base URL of the scratch project built with Material's instant navigation on."""
    root = make_project(tmp_path_factory.mktemp("instant"))
    with serve(root / "site") as url:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace('site_url: ""', f"site_url: {url}/").replace("  features:\n", "  features:\n    - navigation.instant\n")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        (root / "site").mkdir(exist_ok=True)
        build_site(root / "mkdocs.yml", root / "site")
        yield url


@pytest.mark.xdist_group("instant-navigation")  # one build of the instant site, not one per worker
def test_works_with_material_instant_navigation(browser, instant_site):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{instant_site}/tools/test-list/")
    page.locator("#test-list--alpha--done").check()
    page.goto(f"{instant_site}/tools/")  # a real load; then instant navigation through its links
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a[href$='test-flow/']").first.click()
    page.locator(".tk-flow-app").wait_for()
    assert page.evaluate("window.__sameDocument") is True  # instant navigation, no reload
    page.get_by_role("button", name="Yes: go to question 2", exact=True).click()
    assert page.locator(".tk-flow-step").inner_text() == "Question 2"
    page.go_back()
    page.locator(".md-content a[href$='test-list/']").first.click()
    page.locator(".tk-tool[data-tool='test-list'] .tk-bar").wait_for(state="attached")
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator(".tk-bar").count() == 1  # enhanced once, not twice
    assert page.locator("#test-list--alpha--done").is_checked()
    # The print view's script came with the page too, and its link loads the print view in full.
    open_print_save(page, "test-list")
    page.get_by_role("link", name="Print with my answers").wait_for()
    page.get_by_role("link", name="Print blank").click()
    page.locator(".tk-print-bar").wait_for()
    assert page.evaluate("window.__sameDocument") is None
    assert errors == []
    context.close()


@pytest.mark.xdist_group("instant-navigation")
def test_copy_link_buttons_follow_instant_navigation(browser, instant_site):
    # links.js is in toolkit.js, which Material runs once: it must start again on each new page.
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{instant_site}/tools/")
    assert page.locator(".md-content .tk-copy-link").count() > 0  # the first page has them
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a[href$='test-list/']").first.click()
    page.locator(".tk-tool[data-tool='test-list'] .tk-bar").wait_for(state="attached")
    assert page.evaluate("window.__sameDocument") is True  # instant navigation, no reload
    button = page.locator("#test-list--beta > .tk-copy-link")
    button.wait_for(timeout=10_000)
    assert button.count() == 1 and page.locator("#test-list--alpha > .tk-copy-link").count() == 1
    button.click()
    page.wait_for_selector("#test-list--beta > .tk-copy-link:text('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == f"{instant_site}/tools/test-list/#test-list--beta"
    page.go_back()
    page.locator(".md-content a[href$='test-flow/']").first.click()
    page.locator(".tk-flow-app").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    headings = page.locator(".md-content h2[id]")
    assert headings.count() > 0
    assert page.locator(".md-content h2[id] + .tk-copy-link").count() == headings.count()  # once each
    assert errors == []
    context.close()
