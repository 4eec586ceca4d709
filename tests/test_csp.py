"""A strict Content-Security-Policy: computed at build end, and the site works under it."""

from __future__ import annotations

import base64
import hashlib

import pytest

from toolkit.engine.mkdocs_adapter import BuildFailed
from toolkit.site import csp

from .conftest import build_site
from .sweep import _LISTEN, policy_server


def test_hashes_only_inline_code_that_runs():
    found = csp.Findings()
    html = (
        "<script>var a=1</script>\n<script src='x.js'></script>\n"
        '<script id="__config" type="application/json">{"a": 1}</script>\n'
        "<script type=module>import x from './x.js'</script>\n<style>p{color:red}</style>"
    )
    csp.scan(html, "page.html", found)
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert f"'sha256-{expected}'" in found.scripts
    assert found.scripts == {csp.source_hash("var a=1"), csp.source_hash("import x from './x.js'")}
    assert found.styles == {csp.source_hash("p{color:red}")}
    assert found.problems == []


def test_reports_what_hashes_cannot_allow_with_page_and_line():
    found = csp.Findings()
    csp.scan(
        '<p>ok</p>\n<button onclick="go()">Go</button>\n<p style="color:red">x</p>\n'
        '<a href="javascript:void(0)">x</a>\n<p data-onclick="fine">x</p>\n<script>if (a<b) x()</script>',
        "site/x.html",
        found,
    )
    assert [p.split(" is blocked")[0] for p in found.problems] == [
        "site/x.html:2: an inline event handler (onclick)",
        "site/x.html:3: a style attribute",
        "site/x.html:4: a javascript: URL",
    ]


def test_hashes_inline_code_as_its_utf8_bytes():
    # The scan reads pages as bytes; the browser hashes the script's UTF-8 text: the same.
    found = csp.Findings()
    csp.scan('<p>“Café”</p><script>var s = "naïve – ok";</script>'.encode("utf-8"), "p.html", found)
    assert found.scripts == {csp.source_hash('var s = "naïve – ok";')}


@pytest.mark.parametrize("tag, problem", [
    ('<button\nONCLICK = "go()">', "an inline event handler (ONCLICK)"),
    ('<p STYLE="color:red">', "a style attribute"),
    ('<a href=" JavaScript:go()">', "a javascript: URL"),
    ('<a title="café “x”"\tonmouseover=go()>', "an inline event handler (onmouseover)"),
])
def test_each_problem_is_found_alone_in_any_case(tag, problem):
    # The scan skips pages with nothing that looks like a problem: each kind alone must pass that test.
    found = csp.Findings()
    csp.scan(f"<p>first line</p>\n{tag}x</p>\n", "site/y.html", found)
    assert [p.split(" is blocked")[0] for p in found.problems] == [f"site/y.html:2: {problem}"]


def test_the_build_writes_the_policy_for_its_own_pages(built_site):
    value = (built_site / csp.POLICY_FILE).read_text().strip()
    found = csp.scan_site(built_site)
    assert value == csp.policy(found)
    assert value.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "unsafe-inline" not in value and "unsafe-eval" not in value and "http" not in value
    assert len(found.scripts) >= 2 and found.problems == []


def test_an_inline_event_handler_fails_the_strict_build(project, tmp_path):
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + '\n<button type="button" onclick="alert(1)">Hi</button>\n')
    # Refused where it was written, before the policy scan of the built page would see it.
    with pytest.raises(BuildFailed, match=r"docs/index.md:\d+: an inline event handler \(onclick=\)"):
        build_site(project / "mkdocs.yml", tmp_path / "out")


@pytest.mark.browser
def test_a_page_with_unlisted_inline_code_would_be_caught(built_site, browser):
    """The listener sees a violation when one happens, so zero violations above means something."""
    context = browser.new_context()
    context.add_init_script(script=_LISTEN)
    page = context.new_page()
    try:
        page.goto(f"{policy_server(built_site)}/")
        page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
        page.wait_for_function("(window.__csp || []).length > 0")
        assert page.evaluate("window.__ran") is None
    finally:
        context.close()
