"""Helpers for the quality-gate browser tests: list a site's pages, fill in its tools, search."""

from __future__ import annotations

from pathlib import Path

SAMPLE = "A sample answer typed by a practitioner, with a second sentence to wrap the line."
#: Fills every visible control of every tool on the page the way typing and clicking would:
#: a value plus input/change events for text, a click for boxes. One round trip, so a sweep
#: over every page stays fast; tests of the tools themselves type key by key.
_FILL = """(sample) => {
  let done = 0;
  for (const el of document.querySelectorAll(".tk-tool textarea, .tk-tool input, .tk-tool select")) {
    if (el.disabled || !el.checkVisibility()) continue;
    if (el.type === "checkbox" || el.type === "radio") { if (!el.checked) el.click(); }
    else if (el.tagName === "SELECT") { el.selectedIndex = el.options.length - 1; el.dispatchEvent(new Event("change", {bubbles: true})); }
    else if (!el.readOnly && ["text", "textarea", "search", "email", "url", "tel", ""].includes(el.type)) {
      el.focus(); el.value = sample;
      el.dispatchEvent(new Event("input", {bubbles: true}));
      el.dispatchEvent(new Event("change", {bubbles: true}));
      el.blur();
    } else continue;
    done++;
  }
  return done;
}"""


def page_paths(site: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page of a built site."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def has_tools(page) -> bool:
    """Whether the loaded page shows at least one interactive tool."""
    return page.locator(".tk-tool").count() > 0


def fill_tools(page) -> int:
    """Fill in every visible answer box and tick every visible box; return how many."""
    return page.evaluate(_FILL, SAMPLE)


def search(page, query: str) -> int:
    """Type a query into Material's search box; return the number of results shown."""
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="attached", timeout=15_000)
    return items.count()
