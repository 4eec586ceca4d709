"""Issue 25, points 6, 9 and 10 in headless Chromium: checklists with one control per item,
status words per tool, sticky progress, the clear confirm, a public-service look (headings,
contrast, touch targets) and WCAG 2.2 AA checks axe cannot make (focus under the sticky header,
forced colours, names in the accessibility tree).

Runs on the scratch site (tests/mini.py plus tests/fixtures/browser, conftest.py
`scratch_site`); test-reqs is a checklist with its own status words.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

LONG_TOOLS = ["building-a-culture", "practitioner-biography", "test-reqs"]


@pytest.fixture
def base(scratch_site: str) -> str:
    return scratch_site


@pytest.fixture
def errors(page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(str(e)))
    page.on("dialog", lambda d: (found.append(f"window dialog: {d.message}"), d.dismiss()))
    return found


def stored(page, tool_id: str) -> dict | None:
    raw = page.evaluate("id => localStorage.getItem('tk:tool:' + id)", tool_id)
    return json.loads(raw) if raw else None


# --------------------------------------------------------------------------- checklists


def test_status_list_has_one_control_per_item_with_the_tools_own_words(page, base, errors):
    page.goto(f"{base}/tools/test-reqs/")
    items = page.locator("[data-tool='test-reqs'] li.tk-item[data-item]")
    assert items.count() == 3
    for i in range(3):
        item = items.nth(i)
        assert item.locator("input[type=checkbox], select").count() == 0
        assert item.locator("fieldset").count() == 1
        labels = item.locator(".tk-status-word label").all_inner_texts()
        assert labels == ["Meets", "Working towards", "Not yet"]
    progress = page.locator(".tk-progress")
    assert progress.inner_text() == "Meets: 0 of 3"
    page.get_by_role("group", name="Second requirement").get_by_role("radio", name="Working towards").check()
    page.get_by_role("group", name="First requirement").get_by_role("radio", name="Meets").check()
    assert progress.inner_text() == "Meets: 1 of 3"
    assert stored(page, "test-reqs")["items"]["two"] == {"status": "working-towards", "label": "Second requirement"}
    page.reload()
    assert page.locator("#test-reqs--two--working-towards").is_checked()
    assert progress.inner_text() == "Meets: 1 of 3"
    assert errors == []


def test_answers_saved_with_the_old_default_words_show_as_the_words_that_replaced_them(page, base, errors):
    old = {"tool": "test-reqs", "kind": "checklist", "title": "Test requirements", "version": 1, "format": 2,
           "updated": "2026-11-28T08:20:01.106Z",
           "items": {"one": {"checked": True, "status": "done", "label": "First requirement"},
                     "two": {"status": "in-progress", "label": "Second requirement"},
                     "three": {"checked": True, "label": "Third requirement"}}}  # ticked before it had statuses
    page.goto(f"{base}/404.html")
    page.evaluate("r => { localStorage.clear(); localStorage.setItem('tk:tool:test-reqs', JSON.stringify(r)); }", old)
    page.goto(f"{base}/tools/test-reqs/")
    chosen = page.locator("[data-tool='test-reqs'] input.tk-status-choice:checked").evaluate_all("els => els.map(e => e.id)")
    assert chosen == ["test-reqs--one--meets", "test-reqs--two--working-towards", "test-reqs--three--meets"]
    assert page.locator(".tk-progress").inner_text() == "Meets: 2 of 3"
    assert stored(page, "test-reqs") == old  # shown, not rewritten, until the user changes it
    assert errors == []


def test_progress_stays_in_view_and_speaks_only_when_the_count_changes(page, base, errors):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/tools/building-a-culture/")
    progress = page.locator(".tk-progress")
    assert progress.get_attribute("role") == "status"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight * 0.6)")
    page.wait_for_timeout(100)
    box = progress.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] - 1 <= box["y"] < 844 - box["height"], box  # stuck under the header
    page.evaluate("""() => { window.__changes = 0;
        new MutationObserver(m => { window.__changes += m.length; })
          .observe(document.querySelector('.tk-progress'), {childList: true, characterData: true, subtree: true}); }""")
    item = page.locator("[data-tool='building-a-culture'] li.tk-item[data-item]").nth(3)
    item.locator(".tk-note > summary").click()
    item.locator("textarea").press_sequentially("ten chars!")
    assert page.evaluate("window.__changes") == 0  # a note changes no count: nothing announced
    item.locator("input.tk-status-choice[value=done]").check()
    assert page.evaluate("window.__changes") > 0 and progress.inner_text().startswith("1 of ")
    assert errors == []


# --------------------------------------------------------------------------- the confirm


def test_clear_all_confirm_focuses_cancel_keeps_tab_inside_and_closes_on_escape(page, base, errors):
    page.goto(f"{base}/tools/test-reqs/")
    page.locator("#test-reqs--one--meets").check()
    from .test_browser_tools import open_print_save

    open_print_save(page, "test-reqs")
    page.locator("[data-tool='test-reqs'] .tk-actions > summary").click()
    page.get_by_role("button", name="Clear all my answers on this device").click()
    dialog = page.get_by_role("alertdialog")
    assert dialog.get_attribute("aria-modal") == "true"
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    clear_all = dialog.get_by_role("button", name="Clear all")
    colour = clear_all.evaluate("b => getComputedStyle(b).backgroundColor")
    r, g, b = (int(v) for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    assert r > 100 and g < 60 and b < 60, colour  # red: it destroys answers
    seen = set()
    for key in ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]:
        page.keyboard.press(key)
        seen.add(page.evaluate("document.activeElement.textContent"))
    assert seen == {"Cancel", "Clear all"}  # Tab never leaves the question
    page.keyboard.press("Escape")
    assert dialog.count() == 0 and stored(page, "test-reqs") is not None
    page.get_by_role("button", name="Clear this tool").click()
    dialog.wait_for()
    page.mouse.click(5, 400)  # focus moved away by pointer: Escape still closes it
    page.keyboard.press("Escape")
    assert dialog.count() == 0 and stored(page, "test-reqs") is not None
    assert errors == []


# --------------------------------------------------------------------------- flows


def test_flow_answers_are_named_by_their_question_and_in_sentence_case(page, base, errors):
    page.goto(f"{base}/tools/should-i-share-now/")
    group = page.locator(".tk-flow-choices")
    name = group.evaluate("g => g.getAttribute('aria-labelledby').split(' ').map(i => document.getElementById(i).textContent).join(' ')")
    question = page.locator(".tk-flow-body .tk-flow-text").inner_text()
    assert name == "Question 1 " + question
    assert page.get_by_role("group", name=name).count() == 1
    labels = group.get_by_role("button").all_inner_texts()
    assert labels and all(t[0] == t[0].upper() for t in labels), labels
    assert group.locator("[aria-pressed]").count() == 0
    assert errors == []


def test_flow_answer_buttons_are_named_as_what_they_do(browser, page, base, errors):
    """An answer button's name says where it leads ("Yes: go to question 2", "No: see the
    outcome"), read from the accessibility tree; with JavaScript off each answer in the numbered
    tree is one link named by the whole sentence ("If Yes, go to question 2")."""
    page.goto(f"{base}/tools/test-flow/")
    group = page.get_by_role("group", name="Question 1 Have you prepared?")
    tree = group.aria_snapshot()
    assert tree.count("button") == 2, tree
    assert 'button "Yes: go to question 2"' in tree and 'button "No: see the outcome"' in tree, tree
    # What is seen is the answer alone, and the name starts with it (WCAG 2.5.3, label in name).
    assert group.get_by_role("button").all_inner_texts() == ["Yes", "No"]
    page.get_by_role("button", name="Yes: go to question 2", exact=True).click()
    group = page.get_by_role("group", name="Question 2 Is it for the other person’s benefit?")
    for name in ("Yes: go to question 3", "No: see the outcome"):
        assert group.get_by_role("button", name=name, exact=True).count() == 1
    page.get_by_role("button", name="Back", exact=True).click()
    chosen = page.get_by_role("button", name="Yes (your answer before): go to question 2", exact=True)
    assert chosen.inner_text() == "Yes (your answer before)"
    assert errors == []
    context = browser.new_context(java_script_enabled=False)
    try:
        off = context.new_page()
        off.goto(f"{base}/tools/test-flow/")
        ready = off.locator("#test-flow--ready")
        assert ready.get_by_role("link").all_inner_texts() == ["If Yes, go to question 2", "If No, the outcome is Prepare first"]
        link = ready.get_by_role("link", name="If Yes, go to question 2", exact=True)
        assert link.get_attribute("href") == "#test-flow--purpose"
        timing = off.locator("#test-flow--timing").get_by_role("link")
        assert timing.all_inner_texts() == ["If Yes, the outcome is Go ahead, briefly", "If Not sure, the outcome is Prepare first"]
    finally:
        context.close()


def test_chosen_flow_answer_is_outlined_in_forced_colours(page, base, errors):
    page.goto(f"{base}/tools/test-flow/")
    page.get_by_role("button", name="Yes: go to question 2", exact=True).click()
    page.get_by_role("button", name="Back", exact=True).click()
    page.emulate_media(forced_colors="active")
    styles = page.locator(".tk-flow-choices .tk-btn").evaluate_all(
        "bs => bs.map(b => [b.textContent, getComputedStyle(b).outlineStyle, parseFloat(getComputedStyle(b).outlineWidth)])")
    chosen = [s for s in styles if s[1] != "none" and s[2] >= 2]
    assert [s[0] for s in chosen] == ["Yes (your answer before)"], styles
    page.emulate_media(forced_colors="none")
    assert errors == []


def test_flow_outcome_that_names_another_tool_links_to_it(page, base, errors):
    page.goto(f"{base}/tools/should-i-share-now/#should-i-share-now--supervision")
    link = page.locator(".tk-flow-body").get_by_role("link", name="warning-signs checklist")
    assert link.get_attribute("href").rstrip("/").endswith("sharing-risks")
    assert errors == []


# --------------------------------------------------------------------------- focus and the header


FOCUS_HIDDEN = """() => {
  const a = document.activeElement;
  if (!a || a === document.body || a.classList.contains('md-skip')) return null;  // Material's skip link sits above the header
  const r = a.getBoundingClientRect();
  if (!r.width && !r.height) return null;
  const covers = [document.querySelector('.md-header'), ...document.querySelectorAll('.tk-progress')];
  for (const c of covers) {
    if (!c || c === a || c.contains(a)) continue;
    const k = c.getBoundingClientRect();
    const stuck = c === covers[0] || Math.abs(k.top - parseFloat(getComputedStyle(c).top)) < 2;
    if (stuck && r.top < k.bottom - 1 && r.bottom > k.top && r.left < k.right && r.right > k.left)
      return (a.id || a.className || a.tagName) + ' at ' + Math.round(r.top) + ' under ' + Math.round(k.bottom);
  }
  return null;
}"""


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
@pytest.mark.parametrize("tool", LONG_TOOLS)
def test_shift_tab_never_leaves_the_focused_control_under_the_header(page, base, tool, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{base}/tools/{tool}/")
    page.evaluate("""() => { const f = [...document.querySelectorAll(
        '.md-content a[href], .md-content button, .md-content input, .md-content summary, .md-content textarea')];
        f[f.length - 1].focus(); }""")
    hidden = []
    for _ in range(120):
        page.keyboard.press("Shift+Tab")
        found = page.evaluate(FOCUS_HIDDEN)
        if found:
            hidden.append(found)
    assert hidden == []


# --------------------------------------------------------------------------- glossary terms in labels


TERM_IN_LABEL = "preparing-to-share", "preparing-to-share--comfortable-people-supported-input"


def term_state(page, box_id: str) -> dict:
    """The glossary term in the label of `box_id`: is it focused, is its definition shown, and what has focus."""
    return page.evaluate(
        """id => {
        const term = document.querySelector(`label[for="${id}"] abbr[tabindex]`);
        const shown = getComputedStyle(term, '::after').content;
        return {focused: document.activeElement === term, shown: shown !== 'none' && shown.length > 10,
                active: document.activeElement.id || document.activeElement.tagName};
      }""",
        box_id,
    )


def test_glossary_term_in_a_label_opens_on_tap_without_focusing_the_box(browser, base):
    """A tap on a glossary term inside a form label shows its definition; the label does not pass
    the tap on to its answer box (which would take focus, and on a phone open the keyboard)."""
    tool_id, box_id = TERM_IN_LABEL
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{base}/tools/{tool_id}/")
        term = page.locator(f'label[for="{box_id}"] abbr[tabindex]')
        term.scroll_into_view_if_needed()
        term.tap()
        assert term_state(page, box_id) == {"focused": True, "shown": True, "active": "ABBR"}
        # A tap on the label's other words still goes to the box.
        box = page.locator(f"#{box_id}")
        label = page.locator(f'label[for="{box_id}"]')
        words = label.bounding_box()
        page.touchscreen.tap(words["x"] + 3, words["y"] + words["height"] / 2)
        assert term_state(page, box_id)["active"] == box_id
        assert box.evaluate("b => document.activeElement === b")
    finally:
        context.close()


def test_glossary_term_in_a_label_works_by_mouse_and_keyboard(page, base, errors):
    tool_id, box_id = TERM_IN_LABEL
    page.goto(f"{base}/tools/{tool_id}/")
    term = page.locator(f'label[for="{box_id}"] abbr[tabindex]')
    term.click()
    assert term_state(page, box_id) == {"focused": True, "shown": True, "active": "ABBR"}
    # Keyboard: the term is a stop before its box; Tab moves on to the box, Shift+Tab comes back.
    page.keyboard.press("Tab")
    assert term_state(page, box_id) == {"focused": False, "shown": False, "active": box_id}
    page.keyboard.press("Shift+Tab")
    assert term_state(page, box_id) == {"focused": True, "shown": True, "active": "ABBR"}
    page.keyboard.press("Enter")
    assert term_state(page, box_id)["focused"]
    assert errors == []


# --------------------------------------------------------------------------- public-service look


CONTRAST = """els => {
  function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
  function lum(c) { return [c.r, c.g, c.b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); }
  function bg(e) { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; }
  return els.filter(e => e.offsetParent && e.textContent.trim() && !e.disabled && !e.classList.contains('headerlink')).map(e => {
    const s = getComputedStyle(e), f = rgb(s.color), b = bg(e);
    const mix = {r: f.r * f.a + b.r * (1 - f.a), g: f.g * f.a + b.g * (1 - f.a), b: f.b * f.a + b.b * (1 - f.a)};
    const [hi, lo] = [lum(mix), lum(b)].sort((x, y) => y - x);
    return [e.tagName + '.' + e.className + ' ' + e.textContent.trim().slice(0, 30), (hi + 0.05) / (lo + 0.05), parseInt(s.fontWeight)];
  });
}"""


@pytest.mark.parametrize("path", ["tools/test-reqs/", "tools/should-i-share-now/", "accessibility/"])
def test_headings_are_dark_and_bold_and_text_reaches_seven_to_one(page, base, path):
    page.goto(f"{base}/{path}")
    headings = page.locator(".md-content h1, .md-content h2, .md-content h3").evaluate_all(CONTRAST)
    assert headings
    assert [h for h in headings if h[1] < 7 or h[2] < 600] == []
    text = page.locator(".md-content p, .md-content li, .md-content label, .md-content legend, .md-content a, "
                        ".md-content summary, .md-content .tk-btn, .md-header__topic").evaluate_all(CONTRAST)
    assert [t for t in text if t[1] < 7] == []


@pytest.mark.parametrize("tool", ["test-reqs", "sharing-risks", "test-flow", "recovery-challenges-self-assessment"])
def test_toolkit_controls_are_44_px_on_touch_screens(browser, base, tool):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/tools/{tool}/")
    page.locator(".tk-tool.tk-js").wait_for()
    small = page.locator(".tk-tool").evaluate("""root => {
      const out = [];
      root.querySelectorAll('button:not(.tk-copy-link), select, summary, textarea, input').forEach(c => {
        if (!c.offsetParent && c.tagName !== 'INPUT') return;
        let r = c.getBoundingClientRect();
        if (!r.width) return;
        const label = c.id && root.querySelector('label[for="' + c.id + '"]');
        if (label && (c.type === 'checkbox' || c.type === 'radio')) {  // the label is part of the target
          const l = label.getBoundingClientRect();
          r = {left: Math.min(r.left, l.left), right: Math.max(r.right, l.right), top: Math.min(r.top, l.top), bottom: Math.max(r.bottom, l.bottom)};
        }
        const w = r.right - r.left, h = r.bottom - r.top;
        if (w < 44 || h < 44) out.push((c.id || c.className || c.tagName) + ' ' + Math.round(w) + 'x' + Math.round(h));
      });
      return out;
    }""")
    context.close()
    assert small == []


# --------------------------------------------------------------------------- the accessibility statement


def test_accessibility_statement_page_ships_as_a_template_to_complete(page, base, errors):
    from axe_playwright_python.base import AXE_SCRIPT

    from .sweep import axe_violations

    page.goto(f"{base}/accessibility/")
    assert page.locator("h1").inner_text().startswith("Accessibility statement")
    text = page.locator(".md-content").inner_text()
    assert "This page is a template" in text and text.count("To be completed") >= 5
    assert "WCAG" in text and "Equality and Human Rights Commission" in text
    page.add_script_tag(content=AXE_SCRIPT)
    assert axe_violations(page, "the accessibility statement") == []
    assert errors == []


@pytest.mark.parametrize("tool", ["test-reqs", "test-flow"])
def test_changed_tools_have_no_axe_violations_blank_and_filled_in(page, base, tool):
    from axe_playwright_python.base import AXE_SCRIPT

    from .sweep import axe_violations

    page.goto(f"{base}/tools/{tool}/")
    page.add_script_tag(content=AXE_SCRIPT)
    assert axe_violations(page, f"{tool} blank") == []
    if tool == "test-reqs":
        page.locator("#test-reqs--one--meets").check()
        page.locator("#test-reqs--two .tk-note > summary").click()
    else:
        page.get_by_role("button", name="Yes: go to question 2", exact=True).click()
        page.get_by_role("button", name="Back", exact=True).click()
    page.wait_for_timeout(600)  # Material's header title fades in as the page scrolls
    assert axe_violations(page, f"{tool} filled in") == []


def test_finder_controls_show_where_focus_is(page, base):
    page.goto(f"{base}/tools/")
    page.locator("#tk-finder-q").wait_for()
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    page.locator("#tk-finder-q").focus()
    for selector in ["#tk-finder-q", "form[data-finder] input[type=checkbox]"]:
        page.locator(selector).first.focus()
        style = page.locator(selector).first.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, (selector, style)


# --------------------------------------------------------------------------- old item links


def test_an_old_item_link_lands_on_the_renamed_item_and_marks_it(page, site_server, errors):
    """An item renamed with moved_from keeps its old anchor inside the item (links.insert_aliases):
    the old link scrolls the item into view below the header and marks it as a new link does."""
    page.set_viewport_size({"width": 390, "height": 844})
    tool = "senior-peer-support-worker-checklist"
    page.goto(f"{site_server}/tools/{tool}/#{tool}--caseload")
    item = page.locator(f"#{tool}--plan-caseload")
    page.wait_for_timeout(300)
    box = item.bounding_box()
    assert box is not None and 48 <= box["y"] < 844, box  # below the sticky header, on screen
    assert item.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator(f"#{tool}--plan-co-production").evaluate("e => getComputedStyle(e).outlineStyle") != "solid"
    assert errors == []
