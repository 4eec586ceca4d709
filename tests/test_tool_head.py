"""Issue 25, the task first: a tool page's head on a phone and a laptop, its link buttons, the line
shown without JavaScript, "About this tool" and the support note (tests of the real, built site).

The first-screen test loads every tool page at both sizes (about 150 loads); the overlap test
measures a representative set of tools at four widths.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.content.model import KINDS

from .conftest import ROOT

CATALOG = load_catalog(ROOT / "docs", root=ROOT)
TOOL_IDS = sorted(CATALOG.tools)
#: The tools the usability review measured, and one of each kind (and a rating scale).
REPRESENTATIVE = [
    "preparing-to-share", "should-i-share-now", "senior-peer-support-worker-checklist", "practitioner-biography",
    "job-description-and-person-specification", "sharing-risks", "supervision-agenda", "peer-career-pathway",
    "recovery-challenges-self-assessment", "where-am-i-next",
]

#: The first thing a user answers: an answer box, tick box, rating, status or flow choice.
FIRST_CONTROL = """() => {
  const all = [...document.querySelectorAll(
    '.tk-tool :is(input:not([type=hidden]):not([type=file]), textarea, select, .tk-choice)')];
  const shown = all.filter(e => !e.closest('.tk-bar, .tk-print-save') && e.checkVisibility());
  return shown.length ? shown[0].getBoundingClientRect().top + window.scrollY : null;
}"""

#: Every control's box against every line of text on the page (not the control's own text).
OVERLAPS = """() => {
  const root = document.querySelector('.md-content');
  const controls = [...root.querySelectorAll('button, input, select, textarea, summary, .md-button')]
    .filter(e => e.checkVisibility({ visibilityProperty: true }));
  const boxes = controls.map(e => [e, e.getBoundingClientRect()]);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim() || n.parentElement.closest('button, select, textarea, summary, .md-button') ||
        !n.parentElement.checkVisibility({ visibilityProperty: true })) continue;
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      for (const [e, b] of boxes) {
        if (e.contains(n)) continue;
        const x = Math.min(r.right, b.right) - Math.max(r.left, b.left);
        const y = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top);
        if (x > 1 && y > 1) found.push((e.getAttribute('aria-label') || e.textContent || e.id || e.tagName).trim()
          + ' covers "' + n.data.trim().slice(0, 40) + '"');
      }
    }
  }
  return found;
}"""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# ----------------------------------------------------------------------------- the first screen


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)])
def test_every_tool_shows_its_first_control_on_the_first_screen(browser, site_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 500)
    page = context.new_page()
    late, none = [], []
    try:
        for tool_id in TOOL_IDS:
            page.goto(f"{site_server}/tools/{tool_id}/")
            page.locator(f".tk-tool[data-tool='{tool_id}']").wait_for()
            if CATALOG.tool(tool_id).tool.kind == "pathway":
                continue  # a pathway has nothing to answer: its map and stages are for reading
            if CATALOG.tool(tool_id).tool.kind == "flow":
                page.locator(".tk-flow-app .tk-choice").first.wait_for()
            top = page.evaluate(FIRST_CONTROL)
            if top is None:
                none.append(tool_id)
            elif top >= height:
                late.append(f"{tool_id}: {top:.0f} px")
            # Title and purpose come first.
            assert page.locator("h1").first.bounding_box()["y"] < height / 4, tool_id
            summary = page.locator(f".tk-tool[data-tool='{tool_id}'] .tk-summary").bounding_box()
            assert summary["y"] < height, tool_id
    finally:
        context.close()
    assert none == [], "tools without a control to answer"
    assert late == [], f"the first control starts below the first {height} px"


def test_learning_path_position_is_one_line_under_the_title(built_site):
    # preparing-to-share is a step of two paths: one line under the title, both in full at the end.
    page = soup(built_site / "tools" / "preparing-to-share" / "index.html")
    line = page.select("nav.tk-path-line")
    assert len(line) == 1
    text = line[0].get_text(" ", strip=True)
    assert re.fullmatch(r"Step \d+ of \d+ in .+, and 1 more learning path", text), text
    assert line[0].find_previous("h1") is not None and not line[0].find_previous(class_="tk-tool")
    end = page.select_one("nav#tk-learning-paths")
    assert len(end.select(".tk-path-nav-row")) == 2
    assert line[0].select("a")[-1]["href"] == "#tk-learning-paths"


def test_head_keeps_metadata_and_actions_compact_and_nothing_is_lost(built_site):
    entry = CATALOG.tool("senior-peer-support-worker-checklist")
    tool = entry.tool
    page = soup(built_site / "tools" / tool.id / "index.html")
    head = page.select_one(".tk-tool > .tk-head")
    assert head.select_one(".tk-summary") is not None
    # Print, downloads and the saving controls (core/bar.js) are in one disclosure.
    box = head.select_one("details.tk-print-save")
    assert box.select_one("summary").get_text(strip=True) == "Print and save"
    labels = [a.get_text(strip=True) for a in box.select(".tk-print-actions a")]
    assert labels[:2] == ["Print blank", "Print with my answers"]  # and the downloads, when built
    # The intro is one tap away, and in full in print.
    assert head.select_one("details.tk-intro > summary").get_text(strip=True) == "How to use this tool"
    assert head.select_one(".tk-print-only.tk-intro-print") is not None
    # Audiences, source, version and source notes moved to the foot, in "About this tool".
    about = page.select_one(f".tk-about h2#{tool.id}--about-this-tool").find_parent(class_="tk-about")
    text = about.get_text(" ", strip=True)
    assert f"{KINDS[tool.kind]} for" in text and f"Version {tool.version}" in text and tool.source.section in text
    assert "Figure 5" in about.select_one(".tk-notice").get_text()
    assert head.select_one(".tk-notice, .tk-meta") is None
    # A rebuilt tool says so at the top, in a few words, with a link to that section.
    provenance = head.select_one(".tk-provenance")
    assert len(provenance.get_text().split()) <= 16
    assert provenance.select_one("a")["href"] == f"#{tool.id}--about-this-tool"
    # Prints keep the citation and leave the section out (print.css).
    assert page.select_one(".tk-print-about") is not None


def test_only_rebuilt_and_toolkit_made_tools_say_so_at_the_top(built_site):
    for tool_id in TOOL_IDS:
        tool = CATALOG.tool(tool_id).tool
        page = soup(built_site / "tools" / tool_id / "index.html")
        said = page.select_one(".tk-head .tk-provenance")
        assert (said is not None) == (tool.provenance != "paper"), tool_id
        assert bool(page.select(".tk-about .tk-notice")) == bool(tool.notice), tool_id


@pytest.mark.browser
def test_about_this_tool_is_left_off_prints(page, site_server):
    page.goto(f"{site_server}/tools/senior-peer-support-worker-checklist/")
    about = page.locator(".tk-about")
    assert about.is_visible()
    page.emulate_media(media="print")
    assert about.is_hidden() and page.locator(".tk-print-save").is_hidden()
    assert page.locator(".tk-print-about").is_visible(), "the citation footer stays"
    assert page.locator(".tk-intro-print").is_visible() and page.locator("details.tk-intro").is_hidden()
    assert page.locator(".tk-provenance").is_visible() and page.locator(".tk-provenance a").is_hidden()


# ----------------------------------------------------------------------------- nothing covers text


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 768, 1366])
def test_no_control_covers_text(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=width < 800)
    page = context.new_page()
    found = []
    try:
        for tool_id in REPRESENTATIVE:
            page.goto(f"{site_server}/tools/{tool_id}/")
            page.locator(f".tk-tool[data-tool='{tool_id}'].tk-js, .tk-tool--pathway").first.wait_for()
            page.locator(".tk-print-save > summary").click()  # open: its controls are measured too
            found += [f"{tool_id}: {o}" for o in page.evaluate(OVERLAPS)]
    finally:
        context.close()
    assert found == []


@pytest.mark.browser
def test_one_named_link_button_per_item(page, site_server):
    page.goto(f"{site_server}/tools/preparing-to-share/")
    page.locator(".tk-tool.tk-js").wait_for()
    tool = CATALOG.tool("preparing-to-share").tool
    for q in tool.entries():
        item = page.locator(f"#preparing-to-share--{q.id}")
        assert item.locator(".tk-copy-link").count() == 1, q.id  # parts share their question's
        assert item.get_by_role("button", name="Copy a link to this item").count() == 1


@pytest.mark.browser
def test_a_copied_item_link_opens_with_the_item_marked_and_its_question_in_view(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        tool = CATALOG.tool("preparing-to-share").tool
        question = next(q for q in tool.entries() if q.parts)
        part = question.parts[-1]
        target = f"preparing-to-share--{question.id}-{part.id}"
        page.goto(f"{site_server}/tools/preparing-to-share/#{target}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        header = page.locator(".md-header").bounding_box()
        q_box = page.locator(f"#preparing-to-share--{question.id} > .tk-question-text").bounding_box()
        assert header["y"] + header["height"] <= q_box["y"] < 844, "the question is in view, below the header"
        marked = page.locator(f"#{target}")
        assert marked.evaluate("e => e.matches(':target') && getComputedStyle(e).outlineStyle") == "solid"
        # A checklist item, copied with its button, opens marked too.
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(f"{site_server}/tools/sharing-risks/")
        item = page.locator("#sharing-risks--burden")
        item.get_by_role("button", name="Copy a link to this item").click()
        page.wait_for_selector("#sharing-risks--burden > .tk-copy-link:text('Copied')")
        url = page.evaluate("navigator.clipboard.readText()")
        page.goto("about:blank")
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        box = item.bounding_box()
        assert header["y"] + header["height"] <= box["y"] < 844
        assert item.evaluate("e => e.matches(':target') && getComputedStyle(e).outlineStyle") == "solid"
    finally:
        context.close()


# ----------------------------------------------------------------------------- without JavaScript


@pytest.mark.browser
def test_without_javascript_a_line_says_answers_are_not_kept_and_answer_prints_are_not_offered(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for tool_id in ("preparing-to-share", "senior-peer-support-worker-checklist", "practitioner-biography"):
            page.goto(f"{site_server}/tools/{tool_id}/")
            line = page.locator(".tk-nojs")
            assert line.is_visible() and "will not be kept" in line.inner_text()
            page.locator(".tk-print-save > summary").click()
            assert page.get_by_role("link", name="Print blank").is_visible()
            assert page.get_by_role("link", name="Print with my answers").count() == 0 or \
                not page.get_by_role("link", name="Print with my answers").is_visible()
            assert page.locator("a[href='?print=answers']").is_hidden()
        page.goto(f"{site_server}/tools/peer-career-pathway/")
        assert page.locator("a[href='?print=answers']").count() == 0, "nothing to print with answers"
    finally:
        context.close()
    # With scripts on, the line is not shown and the answers print is offered.
    page = browser.new_page()
    try:
        page.goto(f"{site_server}/tools/preparing-to-share/")
        page.locator(".tk-print-save > summary").click()
        page.get_by_role("link", name="Print with my answers").wait_for()
        assert page.locator(".tk-nojs").count() == 0 or page.locator(".tk-nojs").is_hidden()
    finally:
        page.close()


# ----------------------------------------------------------------------------- support


def test_every_personal_tool_and_session_plan_carries_the_support_note(built_site):
    personal = [t for t in TOOL_IDS if CATALOG.tool(t).tool.personal]
    assert {"preparing-to-share", "personal-experience-inventory", "should-i-share-now"} <= set(personal)
    for tool_id in TOOL_IDS:
        page = soup(built_site / "tools" / tool_id / "index.html")
        note = page.select_one(".tk-support")
        assert (note is not None) == (tool_id in personal), tool_id
        if note is not None:
            text = note.get_text(" ", strip=True)
            for where in ("supervisor", "employee assistance programme", "GP", "NHS 111", "Samaritans", "116 123"):
                assert where in text, (tool_id, where)
    plan = soup(built_site / "paths" / "reflective-practice-session" / "index.html")
    assert "116 123" in plan.select_one(".tk-support").get_text()


# ----------------------------------------------------------------------------- accessibility


@pytest.mark.browser
def test_axe_finds_nothing_in_the_new_head_open_or_closed(page, site_server):
    from axe_playwright_python.base import AXE_SCRIPT

    from .sweep import axe_violations

    found = []
    for tool_id in ("preparing-to-share", "senior-peer-support-worker-checklist", "should-i-share-now"):
        page.goto(f"{site_server}/tools/{tool_id}/")
        page.locator(".tk-tool.tk-js").wait_for()
        page.add_script_tag(content=AXE_SCRIPT)
        found += axe_violations(page, f"{tool_id} as loaded")
        page.locator(".tk-print-save > summary").click()
        page.locator("details.tk-intro > summary").click()
        page.locator(".tk-tool .tk-copy-link:visible").first.click()  # its "Copied" state
        # The click scrolls the page: Material's header fades its title in and out (0.25 s); let it settle.
        page.wait_for_timeout(600)
        found += axe_violations(page, f"{tool_id} with its head open")
    assert found == []
