"""Every built page in Chromium, served with the site's Content-Security-Policy: axe-core finds
nothing, the policy is never violated, and no request leaves the site, as loaded and with the
tools exercised (tests/sweep.py: one load per page for all three checks)."""

from __future__ import annotations

import pytest

from toolkit.site import csp

from .sweep import exercise, params, sweep

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("chunk", params())
def test_every_page_is_accessible_keeps_the_policy_and_stays_on_the_site(built_site, browser, chunk):
    result = sweep(built_site, browser, chunk)
    assert result.pages and result.exercised["pages"] > 0, "no tool was exercised: the checks would prove little"
    assert result.header == (built_site / csp.POLICY_FILE).read_text().strip(), "not served with the policy"
    assert len(result.requests) > len(result.pages)
    if result.search_results is not None:  # part 1 also searched, under the policy
        assert result.search_results > 0, "search does not work under the policy"
        assert result.material_scripts_ran, "Material's inline helper did not run: its hash is missing"
        assert any(u.endswith("search_index.json") for u in result.requests), "the search index was never loaded"
    outside = sorted({u for u in result.requests if not u.startswith(result.base) and not u.startswith("data:")})
    problems = {"axe-core violations": result.axe, "CSP violations": result.csp, "requests off the site": outside}
    assert problems == {key: [] for key in problems}, "\n".join(f"{k}: {v}" for k, vs in problems.items() for v in vs)


def _first_page_of_kind(site, kind: str) -> str:
    for page in sorted((site / "tools").glob("*/index.html")):
        if f'data-kind="{kind}"' in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"no {kind} tool page in the site")


def test_the_sweep_exercises_every_kind_of_tool_and_the_finder(built_site, site_server, page):
    """What the sweep does to a page really ticks, types, steps and filters."""
    done: dict[str, int] = {}
    targets = [_first_page_of_kind(built_site, k) for k in ("checklist", "reflection", "flow", "template")]
    for path in [*targets, "tools/"]:
        page.goto(f"{site_server}/{path}")
        for key, value in exercise(page).items():
            done[key] = done.get(key, 0) + value
    assert done["ticked"] > 0 and done["typed"] > 0 and done["steps"] > 0 and done["finder"] > 0, done
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('tk:tool:')).length") >= 3
