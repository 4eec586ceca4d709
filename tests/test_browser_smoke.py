"""Smoke test in headless Chromium: a tool page shows every item with an accessible name."""

from __future__ import annotations

import pytest

from toolkit.content.catalog import load_catalog
from toolkit.site.addresses import anchor

from .conftest import DOCS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("tool_id", ["preparing-to-share", "sharing-risks"])
def test_tool_page_shows_every_item(page, site_server, tool_id):
    entry = load_catalog(DOCS).tool(tool_id)
    page.goto(f"{site_server}/tools/{tool_id}/")
    assert page.locator("h1").inner_text().strip().rstrip("¶") == entry.tool.title
    for item in entry.tool.entries():
        node = page.locator(f"#{anchor(tool_id, item.id)}")
        assert node.is_visible(), item.id
        if getattr(item, "parts", None):
            for part in item.parts:
                box = page.locator(f"#{anchor(tool_id, item.id, part.id)}-input")
                assert box.is_visible()
                assert page.get_by_label(part.text, exact=True).count() >= 1
        else:
            control = page.locator(f"#{anchor(tool_id, item.id)}-input")
            assert control.is_visible()
            label = page.locator(f"label[for='{anchor(tool_id, item.id)}-input']").inner_text()
            assert label.strip(), f"{item.id} has no label"


def test_checkbox_ticks_and_page_loads_nothing_external(page, site_server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_server}/tools/sharing-risks/")
    box = page.get_by_label("It does not turn into a contest", exact=False)
    box.check()
    assert box.is_checked()
    outside = [u for u in requests if not u.startswith(site_server) and not u.startswith("data:")]
    assert outside == []
