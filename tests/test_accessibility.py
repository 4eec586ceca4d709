"""Accessibility: the sweep of every page (tests/test_site_in_browser.py) runs axe-core with no
rule switched off; here, that axe does catch problems, and that our copy of Material's search
partial (which names the search dialog) has not gone stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .sweep import axe_violations

@pytest.mark.browser
def test_axe_does_report_violations(browser):
    """The check can fail: a page with an unnamed button and a missing alt is reported."""
    from axe_playwright_python.base import AXE_SCRIPT

    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content('<!doctype html><html lang="en"><title>x</title><main><button></button><img src="x.png"></main>')
        page.add_script_tag(content=AXE_SCRIPT)
        found = " ".join(axe_violations(page, "canary"))
    finally:
        context.close()
    assert "button-name" in found and "image-alt" in found


def test_search_override_differs_from_material_only_by_the_dialog_name():
    """When Material changes its search partial, re-copy it: the override must not go stale."""
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text()
    ours = (ROOT / "toolkit/engine/theme/partials/search.html").read_text()
    strip = lambda text: re.sub(r"\{#-.*?-#\}\s*", "", text, flags=re.S)  # noqa: E731
    assert strip(ours).replace(" aria-label=\"{{ lang.t('search') }}\"", "", 1) == strip(theirs)
