"""site/tools.json: every tool built, for learning platforms to import."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.content.model import KINDS
from toolkit.site.exports import tools_json

from .conftest import DOCS


def test_tools_json_matches_the_tools_built(built_site):
    catalog = load_catalog(DOCS)
    data = json.loads((built_site / "tools.json").read_text())
    assert data["count"] == len(data["tools"]) == len(catalog.tools)
    assert [t["id"] for t in data["tools"]] == sorted(catalog.tools)
    built_pages = {p.parent.name for p in (built_site / "tools").glob("*/index.html")
                   if 'http-equiv="refresh"' not in p.read_text()}  # old addresses of moved tools redirect
    assert {t["id"] for t in data["tools"]} == built_pages
    for record in data["tools"]:
        tool = catalog.tool(record["id"]).tool
        page = BeautifulSoup((built_site / record["url"] / "index.html").read_text(), "html.parser")
        assert " ".join(page.find("h1").get_text().split()).rstrip("¶ ") == record["title"] == tool.title
        assert record["kind"] == tool.kind and record["kind_label"] == KINDS[tool.kind]
        assert record["audiences"] == list(tool.audiences)
        assert record["source"]["paper"] == tool.source.paper and record["source"]["section"] == tool.source.section
        assert record["version"] == tool.version == int(page.select_one(".tk-tool")["data-version"])
        items = page.select(".tk-tool [data-item]:not(.tk-part), .tk-tool [data-node], .tk-tool [data-stage]")
        assert record["items"] == tool.entry_count() == len(items)
        assert record["path"] == f"/tools/{tool.id}/"


def test_tools_json_is_deterministic():
    catalog = load_catalog(DOCS)
    first, again = tools_json(catalog), tools_json(load_catalog(DOCS))
    assert first == again
    data = json.loads(first)
    assert json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == first
    assert set(data) == {"count", "tools"}, "no build time or other changing field"


def test_urls_are_absolute_when_the_site_has_an_address():
    data = json.loads(tools_json(load_catalog(DOCS), site_url="https://intranet.example.invalid/toolkit/"))
    assert data["tools"][0]["url"] == f"https://intranet.example.invalid/toolkit/tools/{data['tools'][0]['id']}/"
