"""Helpers for the quality-gate browser tests: list a site's pages, search."""

from __future__ import annotations

from pathlib import Path


def page_paths(site: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page of a built site."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def search(page, query: str) -> int:
    """Type a query into Material's search box; return the number of results shown."""
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="attached", timeout=15_000)
    return items.count()
