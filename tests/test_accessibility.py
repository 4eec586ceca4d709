"""axe-core on every built page in headless Chromium, blank and with the tools filled in.

Zero violations, with no rule switched off: Material's own problems are fixed by the theme
overrides in toolkit/theme (the search dialog's name, link and footer contrast).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .browse import fill_tools, has_tools, page_paths, search
from .conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_page(browser):
    """A page whose every document loads axe-core first (saves a round trip per page)."""
    from axe_playwright_python.base import AXE_SCRIPT

    context = browser.new_context()
    context.add_init_script(script=AXE_SCRIPT)
    yield context.new_page()
    context.close()


def _violations(page, state: str, within: str | None = None) -> list[str]:
    """Run every axe rule (default set, nothing disabled) on the page or a part of it."""
    found = []
    response = page.evaluate(
        "(within) => axe.run(within ? {include: [[within]]} : document, {resultTypes: ['violations']})",
        within,
    )
    for rule in response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
        found.append(f"{page.url} ({state}): {rule['id']} [{rule['impact']}] {rule['help']}: {targets[:5]}")
    return found


def test_every_page_has_no_axe_violations_blank_and_filled_in(built_site, site_server, axe_page):
    """Each page whole as loaded; then its tools again once filled in (only they change)."""
    page = axe_page
    problems: list[str] = []
    filled = 0
    for path in page_paths(built_site):
        page.goto(f"{site_server}/{path}")
        problems += _violations(page, "as loaded")
        if has_tools(page):
            count = fill_tools(page)
            assert count > 0, f"{path}: a tool page with nothing to fill in"
            filled += count
            problems += _violations(page, "filled in", within=".tk-tool")
    assert filled > 0, "no tool was filled in: the check would prove nothing"
    assert problems == [], "\n".join(problems)


def test_search_dialog_with_results_has_no_axe_violations(site_server, axe_page):
    page = axe_page
    page.goto(f"{site_server}/")
    assert search(page, "sharing") > 0
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
    assert _violations(page, "search open") == []


def test_search_override_differs_from_material_only_by_the_dialog_name():
    """When Material changes its search partial, re-copy it: the override must not go stale."""
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text()
    ours = (ROOT / "toolkit/theme/partials/search.html").read_text()
    strip = lambda text: re.sub(r"\{#-.*?-#\}\s*", "", text, flags=re.S)  # noqa: E731
    assert strip(ours).replace(" aria-label=\"{{ lang.t('search') }}\"", "", 1) == strip(theirs)
