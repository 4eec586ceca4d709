"""Printing tool pages in headless Chromium: no site chrome, every item, within the page budget;
the print view prints blank or with answers and never opens the print dialog by itself."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from toolkit.content.catalog import load_catalog
from toolkit.printables.budget import page_budget
from toolkit.site.packs import packs

from .conftest import _QuietHandler, build_site
from .test_printables import CATALOG, SAMPLES, TOOL_IDS, item_texts, norm, pdf_pages, sample_project

SAMPLE_TOOLS = load_catalog(SAMPLES)

pytestmark = pytest.mark.browser

#: Text from the site's header, navigation, search and footer that must not print.
CHROME = ["Lived Experience at Work toolkit", "Skip to content", "Search", "All tools", "Made with",
          "Back to top", "Print with my answers", "Print blank", "Download PDF", "Download Word file", "Back to the page"]


def print_pdf(page) -> list[str]:
    """Print the page as Chromium does (A4, page size from CSS) and return each page's text."""
    return pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))[0]


@pytest.fixture(scope="module")
def print_page(browser):
    """One page for printing every tool in turn: its cache keeps Material's and the toolkit's files
    loaded between tools (a fresh context per tool fetches and compiles them again). Blank print
    views save nothing, so the tools cannot affect each other."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_tool_prints_on_a4_without_chrome_within_budget(print_page, site_server, tool_id):
    tool = CATALOG.tool(tool_id).tool
    page = print_page
    page.goto(f"{site_server}/tools/{tool_id}/?print=blank")
    pages = print_pdf(page)
    text = " ".join(pages)
    assert len(pages) <= page_budget(tool), f"{tool_id}: {len(pages)} pages, budget {page_budget(tool)}"
    for item in item_texts(tool):
        assert norm(item) in text, f"{tool_id}: {item!r} did not print"
    for chrome in CHROME:
        assert chrome not in text, f"{tool_id}: site chrome {chrome!r} printed"
    # The margin footer names the tool, its paper and version on every page, with page numbers.
    paper = CATALOG.papers[tool.source.paper]
    for number, body in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in body
        assert tool.title in body and f"{paper.short} · version {tool.version}" in body


def test_print_view_opens_from_the_button_without_a_dialog(page, site_server):
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(f"{site_server}/tools/{TOOL_IDS[0]}/")
    page.locator(".tk-print-save > summary").click()  # "Print and save"
    page.locator(".tk-print-actions a", has_text="Print").first.click()
    page.wait_for_url("**?print=blank")
    bar = page.locator(".tk-print-bar")
    assert bar.is_visible()
    assert page.evaluate("window.__printed") == 0, "the print dialog opened by itself"
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    bar.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1


def _answer_everything(page, answer: str) -> None:
    """Stand in for the answers layer: set values as restored answers would be, then say so."""
    page.evaluate(
        """answer => {
            document.querySelectorAll('.tk-tool .tk-answer').forEach(b => { b.value = answer; });
            document.querySelectorAll('.tk-tool .tk-check').forEach(b => { b.checked = true; });
            document.dispatchEvent(new CustomEvent('toolkit:answers-restored'));
        }""",
        answer,
    )


def _tool_of_kind(kind: str) -> str:
    """The first tool of a kind; for checklists, one with tick boxes (statuses print as circles)."""
    return next(t for t in TOOL_IDS if CATALOG.tool(t).tool.kind == kind
                and not getattr(CATALOG.tool(t).tool, "statuses", False))


@pytest.mark.parametrize("kind", sorted({CATALOG.tool(t).tool.kind for t in TOOL_IDS} & {"reflection", "checklist"}))
def test_print_with_answers_shows_them_and_blank_hides_them(page, site_server, kind):
    tool_id = _tool_of_kind(kind)
    answer = "My answer in my own words"
    page.goto(f"{site_server}/tools/{tool_id}/?print=answers")
    _answer_everything(page, answer)
    answered = " ".join(print_pdf(page))
    page.goto(f"{site_server}/tools/{tool_id}/?print=blank")
    _answer_everything(page, answer)
    blank = " ".join(print_pdf(page))
    if kind == "checklist":
        assert "\u2713" in answered and "\u2713" not in blank
        # The progress line counts the answers: printed with them, left off a blank print.
        assert re.search(r"\b\d+ of \d+ done\b", answered) and not re.search(r"\b\d+ of \d+ done\b", blank)
    else:
        assert answered.count(answer) == len(page.locator(".tk-tool .tk-answer").all())
        assert answer not in blank


def test_typing_then_printing_the_page_prints_the_answer(page, site_server):
    tool_id = _tool_of_kind("reflection")
    page.goto(f"{site_server}/tools/{tool_id}/")
    page.locator(".tk-tool textarea.tk-answer").first.fill("Typed just now")
    assert "Typed just now" in " ".join(print_pdf(page))


def test_links_print_their_address(page, site_server):
    tool_id = next(t for t in TOOL_IDS if CATALOG.tool(t).tool.related)
    related = CATALOG.tool(tool_id).tool.related[0]
    page.goto(f"{site_server}/tools/{tool_id}/?print=blank")
    # Long addresses wrap in print: compare without the spaces a line break leaves in the text.
    assert f"({site_server}/tools/{related}/)" in "".join(" ".join(print_pdf(page)).split())


def test_pack_prints_every_tool_in_order(page, site_server):
    # The smallest pack with tools of three kinds or more: Chromium takes about a second per ten
    # pages, and the 250-page pack of everything adds nothing the page checks do not (every tool
    # page prints each item; test_printables checks every pack's page holds its tools in order).
    pack = min((p for p in packs(CATALOG) if len({CATALOG.tool(t).tool.kind for t in p.tools}) >= 3),
               key=lambda p: (len(p.tools), p.id))
    page.goto(f"{site_server}/packs/{pack.id}/?print=blank")
    # A pack's tools are a document to print: the toolkit's scripts leave them alone (the
    # accessibility sweep relies on this and does not fill them in).
    page.wait_for_function("() => document.documentElement.classList.contains('tk-print-view')")
    assert page.locator(".tk-pack .tk-tool").count() == len(pack.tools)
    assert page.locator(".tk-pack .tk-tool.tk-js, .tk-pack .tk-bar").count() == 0
    pages = print_pdf(page)
    # Chromium puts the margin boxes' text first; the page itself starts after the pack's address.
    bodies = [body.split(f"packs/{pack.id}/", 1)[-1].strip() for body in pages]
    # Every tool's title prints, in the pack's order (each search starts after the previous title),
    # and the pack takes at least a page a tool (each starts a new page; the order of the headings
    # on the page is checked in test_printables.test_pack_page_holds_every_tool_in_order).
    text = " ".join(bodies)
    at = 0
    for t in pack.tools:
        found = text.find(norm(CATALOG.tool(t).tool.title), at)
        assert found >= 0, f"{t} missing or out of order"
        at = found + 1
    assert len(pages) > len(pack.tools)
    text = " ".join(pages)
    for tool_id in pack.tools:
        for item in item_texts(CATALOG.tool(tool_id).tool):
            assert norm(item) in text


def test_collapsed_content_prints_expanded(page, site_server):
    page.goto(f"{site_server}/tools/{TOOL_IDS[0]}/?print=blank")
    page.evaluate("""() => {
        const d = document.createElement('details');
        d.innerHTML = '<summary>More about this</summary><p>Folded away until printed</p>';
        document.querySelector('.tk-tool').appendChild(d);
    }""")
    assert not page.get_by_text("Folded away until printed").is_visible()
    assert "Folded away until printed" in " ".join(print_pdf(page))


@pytest.fixture(scope="module")
def samples_server(tmp_path_factory, monkeypatch_module):
    """The sample tools of every kind (tests/fixtures/docs) built and served, without downloads."""
    root = sample_project(tmp_path_factory.mktemp("samples"))
    monkeypatch_module.setenv("TOOLKIT_DOWNLOADS", "0")
    build_site(root / "mkdocs.yml", root / "site")
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.mark.parametrize("tool_id", sorted(SAMPLE_TOOLS.tools))
def test_every_kind_prints_whole_within_budget(page, samples_server, tool_id):
    """Flows print every question and outcome, templates every field, pathways every stage."""
    tool = SAMPLE_TOOLS.tool(tool_id).tool
    page.goto(f"{samples_server}/tools/{tool_id}/?print=blank")
    pages = print_pdf(page)
    text = " ".join(pages)
    assert len(pages) <= page_budget(tool)
    for item in item_texts(tool):
        assert norm(item) in text, f"{tool_id}: {item!r} did not print"
    for chrome in CHROME:
        assert chrome not in text
    if tool.kind == "flow":  # answers say "go to question N", so the numbers must print
        questions = {q.id: q for q in tool.questions}
        for node, number in tool.numbering().items():
            assert f"{number}. {norm(questions[node].text)}" in text
