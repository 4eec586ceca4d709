"""A strict Content-Security-Policy: computed at build end, and the site works under it."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import threading

import pytest
from mkdocs.exceptions import Abort

from toolkit import csp

from .browse import fill_tools, has_tools, page_paths, search
from .conftest import _QuietHandler, build_site


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
    with pytest.raises(Abort, match="strict mode"):
        build_site(project / "mkdocs.yml", tmp_path / "out")


class _PolicyHandler(_QuietHandler):
    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.fixture(scope="module")
def csp_server(built_site):
    """The built site served with its own policy as a header (as the README's nginx line does)."""
    handler = type("Handler", (_PolicyHandler,), {"policy": (built_site / csp.POLICY_FILE).read_text().strip()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


_LISTEN = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});"""


@pytest.mark.browser
def test_every_page_works_under_the_policy_with_zero_violations(built_site, csp_server, browser):
    """Every page, its tools filled in, and a search: no violation event, no CSP console error."""
    context = browser.new_context()
    context.add_init_script(script=_LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    problems: list[str] = []
    try:
        response = page.goto(f"{csp_server}/")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        for path in page_paths(built_site):
            page.goto(f"{csp_server}/{path}")
            if has_tools(page):
                fill_tools(page)
            problems += [f"/{path}: {v}" for v in page.evaluate("window.__csp || []")]
        assert search(page, "sharing") > 0, "search does not work under the policy"
        # Material's own inline scripts ran: its helper defined __md_scope.
        assert page.evaluate("typeof __md_scope") == "object"
        problems += page.evaluate("window.__csp || []")
    finally:
        context.close()
    assert problems == [] and console == [], "\n".join(problems + console)


@pytest.mark.browser
def test_a_page_with_unlisted_inline_code_would_be_caught(built_site, csp_server, browser):
    """The listener sees a violation when one happens, so zero violations above means something."""
    context = browser.new_context()
    context.add_init_script(script=_LISTEN)
    page = context.new_page()
    try:
        page.goto(f"{csp_server}/")
        page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
        page.wait_for_function("(window.__csp || []).length > 0")
        assert page.evaluate("window.__ran") is None
    finally:
        context.close()
