"""Stored answers that cannot be lost (issue 13, point 4), in headless Chromium.

- Every stored format ever shipped (tests/fixtures/stored/vN: localStorage as that version
  left it, and an export it wrote) loads, shows its answers and is rewritten in the current
  format without losing anything; an old export imports.
- Imports that are refused (not an export, newer, cut short, huge, hostile) say why on the
  page and leave every localStorage key byte-for-byte as it was.
- A good import shows what it will change and asks, in the page, before it writes.
- Storage full while typing: the user is told at once and what was saved stays intact.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from toolkit.browser import answers
from toolkit.content import schemas

from .test_browser_tools import download, import_and_confirm, import_file

pytestmark = pytest.mark.browser

STORED = Path(__file__).parent / "fixtures" / "stored"
FORMATS = sorted(p.name for p in STORED.iterdir() if p.is_dir())
CURRENT = f"v{answers.CURRENT}"
SNAPSHOT = "() => Object.fromEntries(Array.from({length: localStorage.length}, (_, i) => localStorage.key(i)).map(k => [k, localStorage.getItem(k)]))"
# Count FileReader reads, and let a test make setItem throw QuotaExceededError after N writes.
SPY = """
window.__reads = 0;
const read = FileReader.prototype.readAsText;
FileReader.prototype.readAsText = function () { window.__reads++; return read.apply(this, arguments); };
const set = Storage.prototype.setItem;
Storage.prototype.setItem = function (k, v) {
  if (typeof window.__quotaAfter === 'number' && window.__quotaAfter-- <= 0)
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  return set.call(this, k, v);
};
"""


@pytest.fixture
def base(scratch_site: str) -> str:
    """The small project with the fixture tools, built once per session (conftest.py)."""
    return scratch_site


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.add_init_script(SPY)
    page = context.new_page()
    page.dialogs = []  # window.confirm / alert must not be used for imports
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def fixture(version: str, name: str):
    return json.loads((STORED / version / name).read_text(encoding="utf-8"))


def seed(page, base: str, store: dict[str, str]) -> None:
    """Put `store` into localStorage before any tool page has run."""
    page.goto(f"{base}/404.html")
    page.evaluate("s => { localStorage.clear(); for (const k in s) localStorage.setItem(k, s[k]); }", store)


def snapshot(page) -> dict[str, str]:
    return page.evaluate(SNAPSHOT)


def record_validator():
    schema = json.loads((schemas.SCHEMA_DIR / "answers.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return (jsonschema.Draft202012Validator(schema),
            jsonschema.Draft202012Validator({**schema["$defs"]["ToolAnswers"], "$defs": schema["$defs"]}))


def assert_answers_shown(page, base: str) -> None:
    """The answers every fixture holds, on their tool pages."""
    page.goto(f"{base}/tools/test-list/")
    assert page.locator("#test-list--alpha--done").is_checked()
    assert page.locator("#test-list--beta--in-progress").is_checked()
    assert page.locator("#test-list--gamma-note").input_value() == "Ask the team about this — ça va?"
    page.goto(f"{base}/tools/recovery-challenges-self-assessment/")
    rated = page.locator("input.tk-rate:checked").evaluate_all("els => els.map(e => e.value)")
    assert rated == ["early-steps", "developing"]
    page.goto(f"{base}/tools/test-bio/")
    assert page.get_by_label("Your name").input_value() == "Sam"
    assert page.get_by_label("Why I do this work").input_value() == "I know what helped me.\n\nAnd <b>what</b> did not."
    assert page.locator(".tk-preview b").count() == 0
    page.goto(f"{base}/tools/test-flow/")
    assert "Hold back for now" in page.locator(".tk-flow-body").inner_text()
    assert page.locator(".tk-flow-path li").count() == 2
    page.goto(f"{base}/tools/preparing-to-share/")
    assert page.locator("#preparing-to-share--experiences-input").input_value() == "Gardening\nمرحبا 🙂"


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("version", FORMATS)
def test_stored_format_loads_and_is_rewritten_in_the_current_one(page, base, version):
    old = fixture(version, "local-storage.json")
    seed(page, base, old)
    assert_answers_shown(page, base)
    now = snapshot(page)
    assert set(now) == set(old)
    _, records = record_validator()
    for key, value in old.items():
        record = json.loads(now[key])
        records.validate(record)
        assert record == {**json.loads(value), "format": answers.CURRENT}  # nothing lost, only upgraded
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize("version", FORMATS)
def test_export_of_every_format_imports_and_exports_in_the_current_one(page, base, version, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text((STORED / version / "export.json").read_text(encoding="utf-8"), encoding="utf-8")
    page.goto(f"{base}/tools/test-list/")
    assert "It adds answers to 5 tools:" in import_and_confirm(page, "test-list", path)
    page.locator("#test-list--alpha--done").wait_for()
    assert page.locator("#test-list--alpha--done").is_checked()
    assert_answers_shown(page, base)
    exported = json.loads(download(page, "preparing-to-share", "Export all my answers (JSON)"))
    files, _ = record_validator()
    files.validate(exported)
    assert exported["version"] == answers.CURRENT
    original = fixture(version, "export.json")["tools"]
    assert {k: v["items"] for k, v in exported["tools"].items()} == {k: v["items"] for k, v in original.items()}
    assert all(v["format"] == answers.CURRENT for v in exported["tools"].values())
    assert page.errors == [] and page.dialogs == []


# --------------------------------------------------------------------------- refusals


def _export(**tools) -> dict:
    good = fixture(CURRENT, "export.json")
    good["tools"] = {"test-list": good["tools"]["test-list"], **tools}
    return good


def _with_item(item_id: str, value: str = "x") -> str:
    data = _export()
    data["tools"]["test-list"]["items"][item_id] = {"text": value}
    return json.dumps(data)


_GOOD = (STORED / CURRENT / "export.json").read_text(encoding="utf-8")
_HOSTILE_TOOL = {"tool": "x", "kind": "checklist", "title": "<img src=x onerror=window.__pwned=1>", "version": 1,
                 "updated": "", "format": 2, "items": {"polluted": {"text": "yes", "label": "<script>window.__pwned=1</script>"}}}
REFUSED = {
    "random-json": ('{"name": "My notes", "tools": ["a", "b"]}', "not an answers file from this toolkit"),
    "json-list": ("[1, 2, 3]", "not an answers file from this toolkit"),
    "not-json": ("These are my answers, honest.\n", "not an answers file from this toolkit"),
    "pdf": ("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n", "not an answers file from this toolkit"),
    "empty": ("", "not an answers file from this toolkit"),
    "newer": (json.dumps({**json.loads(_GOOD), "version": answers.CURRENT + 1}), "newer version of this toolkit"),
    "truncated": (_GOOD[: len(_GOOD) // 2], "incomplete or damaged"),
    "proto-tool": ('{"format": "lived-experience-toolkit-answers", "version": 2, "tools": {"__proto__": '
                   + json.dumps(_HOSTILE_TOOL) + "}}", "not one of this toolkit's ids"),
    "constructor-tool": (json.dumps(_export(constructor=_HOSTILE_TOOL)), "not one of this toolkit's ids"),
    "proto-item": (_with_item("__proto__"), "not one of this toolkit's ids"),
    "constructor-item": (_with_item("constructor"), "not one of this toolkit's ids"),
    "script-id": (json.dumps(_export(**{"<script>window.__pwned=1</script>": _HOSTILE_TOOL})), "not one of this toolkit's ids"),
    "html-item-id": (_with_item('<img src=x onerror="window.__pwned=1">'), "not one of this toolkit's ids"),
    "over-long": (_with_item("alpha", "x" * (answers.MAX_VALUE_CHARS + 1)), "over 200,000 characters"),
    "damaged-items": (json.dumps(_export(**{"test-bio": {"items": ["a"]}})), "answers to test-bio are damaged"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_import_says_why_on_the_page_and_changes_nothing(page, base, case, tmp_path):
    text, reason = REFUSED[case]
    seed(page, base, fixture("v1", "local-storage.json"))
    page.goto(f"{base}/tools/test-list/")
    before = snapshot(page)
    path = tmp_path / ("answers.pdf" if case == "pdf" else "answers.json")
    path.write_text(text, encoding="utf-8")
    import_file(page, "test-list", path)
    alert = page.locator(".tk-tool[data-tool='test-list'] [role=alert]")
    alert.filter(has_text="Could not import").wait_for()
    message = alert.inner_text()
    assert alert.is_visible()
    assert f"Could not import {path.name}: " in message and reason in message, message
    assert "Nothing on this device has changed" in message
    assert page.get_by_role("alertdialog").count() == 0
    assert snapshot(page) == before
    assert page.evaluate("() => ({}).polluted === undefined && Object.prototype.text === undefined && !window.__pwned")
    assert page.evaluate("document.querySelectorAll('.tk-tool img').length") == 0
    assert page.locator("#test-list--alpha--done").is_checked()  # the answers on the page are the device's
    assert page.errors == [] and page.dialogs == []


def test_huge_file_is_refused_before_it_is_read(page, base, tmp_path):
    seed(page, base, fixture("v1", "local-storage.json"))
    page.goto(f"{base}/tools/test-list/")
    before = snapshot(page)
    path = tmp_path / "huge.json"
    with path.open("w", encoding="utf-8") as f:  # a valid-looking export, 6 MB
        f.write(_GOOD[:-3] + ', "padding": "' + "x" * 6_000_000 + '"}\n')
    import_file(page, "test-list", path)
    alert = page.locator(".tk-tool[data-tool='test-list'] [role=alert]")
    alert.filter(has_text="over 5 MB").wait_for()
    assert "Nothing on this device has changed" in alert.inner_text()
    assert page.evaluate("window.__reads") == 0  # refused by File.size, never read
    assert snapshot(page) == before
    ok = tmp_path / "ok.json"
    ok.write_text(_GOOD, encoding="utf-8")
    import_file(page, "test-list", ok)
    alert.filter(has_text="holds no answers that are not already here").wait_for()
    assert page.evaluate("window.__reads") == 1  # the spy does see reads
    assert page.errors == []


def test_html_in_answers_imports_as_text(page, base, tmp_path):
    """Markup inside answers is what someone typed: it imports, and shows as text, never as HTML."""
    data = _export()
    data["tools"]["test-list"]["items"]["gone"] = {"label": '<img src=x onerror="window.__pwned=1">',
                                                   "note": "<script>window.__pwned=1</script>"}
    data["tools"]["test-list"]["title"] = "<b>bold</b>"
    path = tmp_path / "html.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page.goto(f"{base}/tools/test-list/")
    assert "<b>bold</b>" in import_and_confirm(page, "test-list", path)
    page.locator(".tk-orphan").wait_for()
    assert page.locator(".tk-orphan-label").inner_text() == '<img src=x onerror="window.__pwned=1">'
    assert page.evaluate("document.querySelectorAll('.tk-tool img, .tk-tool b, .tk-tool script').length") == 0
    assert page.evaluate("!window.__pwned")
    assert page.errors == []


# --------------------------------------------------------------------------- what an import changes


def test_import_shows_what_it_changes_and_cancel_changes_nothing(page, base, tmp_path):
    seed(page, base, fixture("v1", "local-storage.json"))
    data = fixture(CURRENT, "export.json")
    tools = data["tools"]
    tools["test-list"]["items"]["beta"]["status"] = "done"  # replaces
    new = json.loads(json.dumps(tools["test-bio"]))
    new.update(tool="sharing-risks", title="Sharing risks (from the file)", items={"x": {"checked": True}})
    data["tools"] = {"test-list": tools["test-list"], "test-bio": tools["test-bio"], "sharing-risks": new}
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page.goto(f"{base}/tools/test-list/")
    before = snapshot(page)
    import_file(page, "test-list", path)
    dialog = page.get_by_role("alertdialog")
    text = dialog.inner_text()
    assert "Import answers from mixed.json?" in text
    assert "It replaces your answers to 1 tool: Test checklist." in text
    assert "It adds answers to 1 tool: Sharing risks (from the file)." in text
    assert "It leaves unchanged your answers to 1 tool: Test biography." in text
    assert "Your answers to 3 other tools are not in the file and stay as they are." in text
    assert page.evaluate("document.activeElement.textContent") == "Cancel"  # focus moves to the safe answer
    dialog.get_by_role("button", name="Cancel").click()
    assert dialog.count() == 0
    assert snapshot(page) == before
    assert page.locator("#test-list--beta--in-progress").is_checked()
    assert "Import answers from mixed.json?" in import_and_confirm(page, "test-list", path)
    page.wait_for_function("document.querySelector('#test-list--beta--done').checked")
    after = snapshot(page)
    assert json.loads(after["tk:tool:sharing-risks"])["items"] == {"x": {"checked": True}}
    assert json.loads(after["tk:tool:test-list"])["items"]["beta"]["status"] == "done"
    for key in ("tk:tool:preparing-to-share", "tk:tool:test-flow", "tk:tool:recovery-challenges-self-assessment"):
        assert json.loads(after[key]) == {**json.loads(before[key]), "format": answers.CURRENT}
    live = page.locator(".tk-tool[data-tool='test-list'] .tk-live")  # filled 50 ms later, so it is announced
    page.wait_for_function("el => el.textContent.includes('Imported answers to 3 tools')", arg=live.element_handle())
    assert page.errors == [] and page.dialogs == []


def test_import_that_does_not_fit_writes_nothing(page, base, tmp_path):
    seed(page, base, {"tk:tool:test-bio": fixture("v1", "local-storage.json")["tk:tool:test-bio"]})
    path = tmp_path / "all.json"
    path.write_text((STORED / "v1" / "export.json").read_text(encoding="utf-8"), encoding="utf-8")
    page.goto(f"{base}/tools/test-list/")
    before = snapshot(page)
    import_and_confirm(page, "test-list", path,  # two records fit, the third does not
                       before_confirm=lambda: page.evaluate("window.__quotaAfter = 2"))
    alert = page.locator(".tk-tool[data-tool='test-list'] [role=alert]")
    alert.filter(has_text="storage is full").wait_for()
    assert "Nothing on this device has changed" in alert.inner_text()
    assert snapshot(page) == before  # the two written are taken back
    assert not page.locator("#test-list--alpha--done").is_checked()
    assert page.errors == []


# --------------------------------------------------------------------------- storage full


FILL = """() => {
  let chunk = 'x'.repeat(1 << 20), i = 0;
  while (chunk.length) {
    try { localStorage.setItem('filler-' + i++, chunk); }
    catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
  }
  for (let j = 0x4e00; ; j++) {  // then one-character keys, until not even one more fits
    try { localStorage.setItem(String.fromCharCode(j), ''); } catch (e) { break; }
  }
}"""


def test_storage_full_while_typing_tells_the_user_and_keeps_what_was_saved(page, base):
    page.goto(f"{base}/tools/test-bio/")
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Why I do this work").fill("Saved before the storage filled up")
    page.evaluate(FILL)  # the browser's real quota
    before = snapshot(page)
    alert = page.locator(".tk-tool[data-tool='test-bio'] [role=alert]")
    assert alert.is_hidden()
    why = page.get_by_label("Why I do this work")
    why.press("End")
    why.press_sequentially(" and more", delay=5)
    alert.filter(has_text="storage is full").wait_for()
    assert alert.is_visible()
    assert "Answers saved before are safe" in alert.inner_text() and "export all your answers" in alert.inner_text()
    assert page.locator(".tk-tool[data-tool='test-bio'] .tk-actions").get_attribute("open") is not None
    assert "storage is full" in page.locator(".tk-where").inner_text()
    assert why.input_value() == "Saved before the storage filled up and more"
    assert snapshot(page) == before  # the saved record is whole and as it was
    saved = json.loads(before["tk:tool:test-bio"])["items"]
    assert saved["why"]["text"] == "Saved before the storage filled up" and saved["name"]["text"] == "Sam"
    # What was typed since can still be exported, so nothing is lost.
    exported = json.loads(download(page, "test-bio", "Export all my answers (JSON)"))
    assert exported["tools"]["test-bio"]["items"]["why"]["text"].endswith("and more")
    # Coming back with storage still full: the saved answers are shown and the page says it is full.
    page.reload()
    assert page.get_by_label("Your name").input_value() == "Sam"
    assert why.input_value() == "Saved before the storage filled up"
    assert "storage is full" in page.locator(".tk-where").inner_text()
    page.get_by_label("Your name").fill("Samira")
    assert snapshot(page) == before
    assert page.errors == []


def test_quota_error_from_set_item_on_a_checklist(page, base):
    page.goto(f"{base}/tools/test-list/")
    page.locator("#test-list--alpha--done").check()
    before = snapshot(page)
    page.evaluate("window.__quotaAfter = 0")
    page.locator("#test-list--beta--done").check()
    alert = page.locator(".tk-tool[data-tool='test-list'] [role=alert]")
    alert.filter(has_text="storage is full").wait_for()
    assert page.locator("#test-list--beta--done").is_checked()
    assert page.locator(".tk-progress").inner_text() == "2 of 3 done"
    assert snapshot(page) == before
    assert page.errors == []


def test_answers_saved_by_a_newer_version_are_shown_and_never_rewritten(page, base):
    """Two copies of the site at one address share storage: the older copy must not damage the newer's records."""
    newer = {"tool": "test-list", "kind": "checklist", "title": "Test checklist", "version": 1, "updated": "",
             "format": answers.CURRENT + 1, "items": {"alpha": {"checked": True, "label": "Alpha item", "since": "v3"}},
             "extra": {"kept": True}}
    seed(page, base, {"tk:tool:test-list": json.dumps(newer)})
    page.goto(f"{base}/tools/test-list/")
    before = snapshot(page)
    assert json.loads(before["tk:tool:test-list"]) == newer  # not "upgraded" downwards
    assert page.locator("#test-list--alpha--done").is_checked()
    page.locator("#test-list--beta--done").check()
    alert = page.locator(".tk-tool[data-tool='test-list'] [role=alert]")
    alert.filter(has_text="saved by a newer version of this toolkit").wait_for()
    assert snapshot(page) == before
    assert page.errors == []
