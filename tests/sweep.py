"""One pass over every built page in Chromium, shared by the accessibility, CSP and off-site tests.

Each page is loaded once, served with the site's own Content-Security-Policy header, with
axe-core and a CSP violation listener injected, every request recorded, and its tools exercised
(boxes ticked, notes typed, flows stepped through, templates filled, the finder filtered).
Axe (every rule of its default set) is most of the time a page takes, so it runs once per page
where the filled-in page holds everything the page showed as loaded, and twice (as loaded, then
the tools filled in) where exercising replaces something: see REPLACED. The pages are split into CHUNKS parts of
similar weight, each its own test (tests/test_site_in_browser.py) and xdist group, so
`make test` sweeps them on separate cores.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from toolkit.site import csp

from .browse import page_paths, search
from .conftest import _QuietHandler, unsearched_index

CHUNKS = 4

#: Exercise every tool on the page as a user would, in one round trip; returns what was done.
_EXERCISE = """(sample) => {
  const done = {ticked: 0, typed: 0, selected: 0, steps: 0, finder: 0};
  for (const d of document.querySelectorAll(".tk-tool details:not([open])")) d.open = true;
  // A print pack's tools are a document to print, not interactive (the core leaves them alone):
  // filling their bare fields would exercise nothing of the toolkit's and, one focus at a time
  // over thousands of fields, was a third of the sweep's time.
  const live = (el) => !el.closest(".tk-pack");
  for (const tool of [...document.querySelectorAll(".tk-tool")].filter(live)) {
    for (let i = 0; i < 30; i++) {  // a flow: take the first answer until an outcome shows
      const next = tool.querySelector(".tk-flow-choices button");
      if (!next) break;
      next.click(); done.steps++;
    }
  }
  const input = (el, value) => {
    el.focus({preventScroll: true}); el.value = value;  // no scrolling: the header stays as loaded
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
    el.blur();
  };
  for (const el of document.querySelectorAll(".tk-tool textarea, .tk-tool input, .tk-tool select")) {
    if (!live(el) || el.disabled || !el.checkVisibility()) continue;
    if (el.type === "checkbox" || el.type === "radio") { if (!el.checked) { el.click(); done.ticked++; } }
    else if (el.tagName === "SELECT") { el.selectedIndex = el.options.length - 1; input(el, el.value); done.selected++; }
    else if (!el.readOnly && ["text", "textarea", "search", "email", "url", "tel", ""].includes(el.type)) { input(el, sample); done.typed++; }
  }
  const finder = document.querySelector("form[data-finder]");
  if (finder && finder.checkVisibility()) {
    finder.querySelector("input[type=checkbox]").click();
    input(finder.querySelector("#tk-finder-q"), "support");
    done.finder = [...document.querySelectorAll(".tk-finder-item")].filter((e) => e.checkVisibility()).length;
  }
  return done;
}"""
SAMPLE = "A sample answer typed by a practitioner, with a second sentence to wrap the line."

_LISTEN = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});"""

_AXE = """([within, without]) => axe.run(within ? {include: within.filter((s) => document.querySelector(s)).map((s) => [s])}
  : without ? {exclude: without.map((s) => [s])} : document,
  {resultTypes: ["violations"]}).then((r) => r.violations.map((v) =>
  `${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`))"""


def params() -> list:
    """pytest parameters for the parts of the sweep, each its own xdist group."""
    return [pytest.param(i, marks=[pytest.mark.xdist_group(f"sweep-{i}"), pytest.mark.sweep], id=f"part{i + 1}of{CHUNKS}")
            for i in range(CHUNKS)]


def chunk_paths(site: Path, chunk: int) -> list[str]:
    """The page paths of one part: biggest pages first, each to the lighter part so far."""
    sizes = {path: (site / path / "index.html" if path.endswith("/") or path == "" else site / path).stat().st_size
             for path in page_paths(site)}
    parts: list[list[str]] = [[] for _ in range(CHUNKS)]
    weight = [0] * CHUNKS
    for path in sorted(sizes, key=lambda p: (-sizes[p], p)):
        lightest = weight.index(min(weight))
        parts[lightest].append(path)
        weight[lightest] += sizes[path]
    return sorted(parts[chunk])


@dataclass
class Sweep:
    base: str
    pages: list[str]
    axe: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    exercised: Counter = field(default_factory=Counter)
    header: str = ""
    search_results: int | None = None  # part 1 only: a search under the policy
    material_scripts_ran: bool | None = None


class _PolicyHandler(_QuietHandler):
    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@contextlib.contextmanager
def empty_search_index(site: Path):
    """Serve the search index with the site's real search settings and no documents.

    Material's search worker builds its index from the whole site's text on every page load: a
    second of CPU a page that the sweep checks nothing with. Each page still starts the worker
    under the policy and fetches the index from the site; the search at the end of part 1, under
    the same policy, gets the real index.
    """
    server = _SERVERS_BY_BASE[policy_server(site)]
    server.empty_search_index = unsearched_index(site)
    try:
        yield
    finally:
        server.empty_search_index = None


_SERVERS: dict[Path, str] = {}
_SERVERS_BY_BASE: dict[str, http.server.ThreadingHTTPServer] = {}


def policy_server(site: Path) -> str:
    """Serve the built site with its own policy as a header (as the README's nginx line does)."""
    if site not in _SERVERS:
        handler = type("Handler", (_PolicyHandler,), {"policy": (site / csp.POLICY_FILE).read_text().strip()})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _SERVERS[site] = f"http://127.0.0.1:{server.server_address[1]}"
        _SERVERS_BY_BASE[_SERVERS[site]] = server
    return _SERVERS[site]


#: What exercising a page changes: its tools and the tool finder.
INTERACTIVE = [".tk-tool", "form[data-finder]", ".tk-finder-item"]

#: Where exercising a page replaces what it showed as loaded: a decision flow steps from its first
#: question to an outcome, the finder hides tools. Everywhere else exercising only adds to the page
#: (boxes ticked, statuses set, notes and actions opened, text typed, previews filled; the toolkit's
#: CSS styles no state of a box or field differently), so one axe run on the filled-in page checks
#: everything the page showed as loaded too. Pages with these get two runs: the whole page as
#: loaded, then its tools and finder filled in.
REPLACED = ".tk-flow-choices button, form[data-finder]"


#: The tools in an audience's print pack are the pack of everything's, in the same markup (the
#: glossary's first-use tooltips aside: tests/test_printables.py checks), so axe checks them once,
#: there; an audience pack's own cover, contents and headings are checked on its page.
EVERYTHING_PACK = "packs/everything/"
PACK_TOOLS = ".tk-pack .tk-tool"


def repeats_pack_of_everything(path: str) -> bool:
    """Whether a page is an audience's print pack, whose tools the pack of everything holds."""
    return path.startswith("packs/") and path.count("/") == 2 and path != EVERYTHING_PACK


def axe_violations(page, where: str, within: list[str] | None = None, without: list[str] | None = None) -> list[str]:
    """Every axe-core rule of the default set, nothing switched off, on the page or parts of it."""
    return [f"{where}: {v}" for v in page.evaluate(_AXE, [within, without])]


def exercise(page) -> dict[str, int]:
    """Exercise the tools on the loaded page; return how many boxes, fields, steps, finder hits."""
    return page.evaluate(_EXERCISE, SAMPLE)


def sweep(site: Path, browser, chunk: int) -> Sweep:
    """Load, check and exercise every page of one part."""
    from axe_playwright_python.base import AXE_SCRIPT

    result = Sweep(policy_server(site), chunk_paths(site, chunk))
    context = browser.new_context()
    context.add_init_script(script=_LISTEN)
    context.add_init_script(script=AXE_SCRIPT)
    context.on("request", lambda r: result.requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: result.csp.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None)
    try:
        with empty_search_index(site):
            for path in result.pages:
                response = page.goto(f"{result.base}/{path}")
                result.header = response.headers.get("content-security-policy", "")
                # Axe is most of the cost of a page: run it once where one run sees both states.
                replaced = page.locator(REPLACED).count() > 0
                if replaced:
                    result.axe += axe_violations(page, f"/{path} as loaded")
                done = exercise(page)
                result.exercised.update(done)
                if any(done.values()):
                    result.exercised["pages"] += 1
                if replaced:
                    result.axe += axe_violations(page, f"/{path} filled in", within=INTERACTIVE)
                else:
                    result.axe += axe_violations(page, f"/{path} filled in" if any(done.values()) else f"/{path} as loaded",
                                                 without=[PACK_TOOLS] if repeats_pack_of_everything(path) else None)
                result.csp += [f"/{path}: {v}" for v in page.evaluate("window.__csp || []")]
        if chunk == 0:
            page.goto(f"{result.base}/")
            result.search_results = search(page, "sharing")
            result.axe += axe_violations(page, "/ search open with results")
            result.material_scripts_ran = page.evaluate("typeof __md_scope") == "object"
            result.csp += [f"/ (search): {v}" for v in page.evaluate("window.__csp || []")]
    finally:
        context.close()
    return result
