"""Nothing on the first screen moves when the toolkit's scripts start (issue 26, point 7).

Lighthouse counts content that jumps after it is drawn (cumulative layout shift, a quarter of its
performance score), and a reader who has started to read or tap loses their place. Where scripts
run, the page keeps room from the first paint for what the scripts add (copy-link buttons, a
checklist's progress line and notes, the finder, a template's document beside its fields): CSS
`@media (scripting: enabled)`, in links.css, checklist.css, template.css, finder.css and toolkit.css.

Each page is loaded with the toolkit's scripts held back, every element of the content shown on the
first screen is measured, the scripts are let go, and each element is measured again: none may have moved
(or gone). Without scripts, none of that room is kept (the last test).
"""

from __future__ import annotations

import pytest

#: Home, every tool kind (a status checklist, a tick-box one, a rated one, a reflection, a flow, a
#: career pathway, two templates), the finder, a guide with tools in it and a role's start page.
PAGES = [
    "",
    "tools/hr-occupational-health-checklist/",
    "tools/personal-recovery-plan-check/",
    "tools/recovery-challenges-self-assessment/",
    "tools/preparing-to-share/",
    "tools/should-i-share-now/",
    "tools/peer-career-pathway/",
    "tools/recovery-challenges-action-plan/",
    "tools/job-description-and-person-specification/",
    "tools/",
    "guides/career-pathway/",
    "audiences/peer-support-worker/",
]

#: Numbers every element of the content whose box starts on the first screen, and measures it.
MEASURE = """(mark) => {
  const out = {};
  let n = 0;
  for (const el of document.querySelectorAll('.md-content *')) {
    if (mark) el.setAttribute('data-shift-test', String(n++));
    const key = el.getAttribute('data-shift-test');
    const r = el.getBoundingClientRect();
    // A flow's script shows one question at a time in place of the whole flow (flow.js): the
    // flow and that box are laid out anew, by design, and are not compared.
    if (el.closest('.tk-flow, .tk-flow-app')) continue;
    if (key === null || r.height === 0 || r.top >= innerHeight || r.bottom <= 0 || !el.checkVisibility()) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + '.' + String(el.className).trim().split(/\\s+/).join('.');
    // Where it starts, as the browser's own layout-shift measure compares boxes (a box may grow:
    // a template's document, filled in by its script, does; what follows it then moves and counts).
    out[key] = [Math.round(r.left), Math.round(r.top), name];
  }
  return out;
}"""

#: The toolkit's scripts have done their first work on the page (a pathway, with nothing to fill
#: in, is no TK.kind tool and is not marked).
STARTED = """() => document.readyState === 'complete' && !!window.TK
  && !document.querySelector('.md-content .tk-tool:not(.tk-js):not(.tk-tool--pathway):not(.tk-pack *)')
  && !document.querySelector('form[data-finder]:not([data-ready])')
  && (!document.querySelector('.md-content h2[id]') || !!document.querySelector('.tk-copy-link'))"""

STYLES_READY = "() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 768)])
def test_first_screen_does_not_move_when_the_scripts_start(browser, site_server, width, height):
    touch = width < 800
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
    moved: dict[str, list[str]] = {}
    held: list = []  # the toolkit's script requests, held back
    try:
        for path in PAGES:
            page = context.new_page()
            held.clear()
            page.route("**/assets/toolkit/*.js", lambda route: held.append(route))
            page.goto(f"{site_server}/{path}", wait_until="commit")
            # The scripts sit at the end of the page: the footer is parsed while they are held.
            page.wait_for_selector("footer.md-footer", state="attached")
            # Held once its request reaches this test (Playwright hands it over while it waits).
            for _ in range(200):
                if held and page.evaluate(STYLES_READY):
                    break
                page.wait_for_timeout(50)
            assert held, f"{path}: no toolkit script was requested"
            page.evaluate("document.fonts.ready")
            before = page.evaluate(MEASURE, True)
            for route in held:
                route.continue_()
            page.unroute("**/assets/toolkit/*.js")  # what the scripts ask for later goes straight through
            page.wait_for_selector("html.js", state="attached")  # Material's bundle ran
            # Started: every tool, the finder, and the copy-link buttons (the kinds start after load).
            for _ in range(200):
                if page.evaluate(STARTED):
                    break
                page.wait_for_timeout(50)
            assert page.evaluate(STARTED), f"{path}: the toolkit's scripts did not start"
            after = page.evaluate(MEASURE, False)
            for key, (left, top, name) in before.items():
                now = after.get(key)
                if now is None or abs(now[0] - left) > 1 or abs(now[1] - top) > 1:
                    moved.setdefault(path or "home", []).append(f"{name}: ({left}, {top}) -> {now and now[:2]}")
            page.close()
    finally:
        context.close()
    assert not moved, "moved when the toolkit's scripts started:\n" + "\n".join(
        f"{p}: {lines[:4]}" for p, lines in moved.items()
    )


def test_without_scripts_no_room_is_kept_for_what_they_add(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_server}/tools/hr-occupational-health-checklist/")
        assert not page.locator(".tk-progress").is_visible()
        assert page.locator("li.tk-item").first.evaluate("e => getComputedStyle(e).paddingBottom") == "0px"
        before_list = "e => getComputedStyle(e.previousElementSibling).paddingBottom"  # the heading
        heading = page.locator(".tk-checklist").first.evaluate(before_list)
        assert heading == "0px"
        page.goto(f"{site_server}/tools/recovery-challenges-action-plan/")
        assert not page.locator(".tk-document").is_visible()
        assert not page.locator(".tk-doc-jump").first.is_visible()
        assert page.locator(".tk-field").first.evaluate("e => getComputedStyle(e).paddingRight") == "0px"
        page.goto(f"{site_server}/tools/")
        assert not page.locator("form.tk-finder").is_visible()
    finally:
        context.close()
