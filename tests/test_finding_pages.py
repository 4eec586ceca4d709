"""Issue 26, in the built pages: role pages start with their chosen tools, the menu's order,
no glossary marking in headings, links or buttons, and the finder's ordering and focus ring."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content.catalog import load_catalog
from toolkit.content.model import AUDIENCES

from .conftest import DOCS

CATALOG = load_catalog(DOCS)
MENU = ["Tools", "Start by role", "Learning paths", "Guides", "Print packs", "Glossary", "For organisations"]
FOR_ORGANISATIONS = ["Authoring and adapting", "Using the toolkit offline", "Source papers", "Stable links", "Accessibility statement"]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("audience", list(AUDIENCES))
def test_each_role_page_starts_with_its_chosen_tools(built_site, audience):
    page = soup(built_site, f"audiences/{audience}/index.html")
    content = page.select_one(".md-content article")
    first_h2 = content.find("h2")
    assert first_h2.get("id") == "start-here"
    chosen = [t for t, _ in CATALOG.starts.start(audience)]
    assert 3 <= len(chosen) <= 5
    links = [a["href"].rstrip("/").split("/")[-1] for a in content.select(".tk-start li a[href]")]
    assert links == chosen
    for (tool_id, when), li in zip(CATALOG.starts.start(audience), content.select(".tk-start li")):
        assert " ".join(when.split()) in " ".join(li.get_text().split())
    # then the rest, grouped by what the reader wants to do, none of the chosen ones again
    groups = [h.get("id") for h in content.select("h3")]
    assert groups and set(groups) <= {"prepare", "reflect", "decide", "plan", "recruit", "assess"}
    rest = [a["href"] for a in content.select("h3 ~ ul a[href*='tools/']")]
    assert not [h for h in rest if h.rstrip("/").split("/")[-1] in chosen]


def test_home_page_leads_to_the_role_pages_in_one_tap(built_site):
    page = soup(built_site, "index.html")
    hrefs = {a["href"] for a in page.select(".md-content a[href]")}
    for audience in AUDIENCES:
        assert f"audiences/{audience}/" in hrefs, audience


def test_menu_puts_readers_first_then_organisations(built_site):
    page = soup(built_site, "tools/index.html")
    top = page.select(".md-nav--primary > .md-nav__list > .md-nav__item")
    names = [" ".join(item.find(["a", "label"]).get_text(" ").split()) for item in top]
    assert names == MENU
    # Material prunes the menu to the open section: read "For organisations" from one of its pages
    top = soup(built_site, "links/index.html").select(".md-nav--primary > .md-nav__list > .md-nav__item")
    orgs = top[-1].select(".md-nav__list a.md-nav__link")
    assert [" ".join(a.get_text(" ").split()) for a in orgs] == FOR_ORGANISATIONS


def test_stable_links_are_grouped_by_page_and_collapsed(built_site):
    page = soup(built_site, "links/index.html")
    details = page.select(".tk-links-page details")
    assert len(details) > 50 and not any(d.has_attr("open") for d in details)


def test_no_glossary_marking_inside_headings_buttons_or_links(built_site):
    bad = []
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "<abbr" not in text:
            continue
        for abbr in BeautifulSoup(text, "html.parser").find_all("abbr"):
            if abbr.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "button", "a"]):
                bad.append(str(html.relative_to(built_site)))
                break
    assert not bad, bad[:10]


def test_finder_items_say_which_role_each_tool_is_made_for(built_site):
    page = soup(built_site, "tools/index.html")
    items = page.select(".tk-finder-item")
    assert len(items) == len(CATALOG.tools)
    for item in items:
        assert item["data-for"] == item["data-audience"].split()[0]
    assert page.select_one("details.tk-finder-filters fieldset.tk-finder-facet")


def test_audiences_file_problems_are_path_line_messages(tmp_path):
    from toolkit.content.audiences import load_starts
    from toolkit.content.issue import ContentError

    file = tmp_path / "audiences.yml"
    file.write_text(
        "audiences:\n"
        "  - audience: trainer\n"
        "    start:\n"
        "      - {tool: one, when: First.}\n"
        "      - {tool: nowhere, when: Second.}\n"
        "      - {tool: two, when: Third.}\n"
        "    then: [one]\n"
        "purposes:\n"
        "  plan: [two]\n"
        "  recruit: [two, gone]\n")
    with pytest.raises(ContentError) as caught:
        load_starts(file, "docs/audiences.yml", {"one", "two"})
    messages = [str(i) for i in caught.value.issues]
    assert "docs/audiences.yml:5: audiences[0].start[1].tool: unknown tool 'nowhere'" in messages
    assert "docs/audiences.yml:7: audiences[0].then[0]: 'one' is already listed for trainer" in messages
    assert any(m.startswith("docs/audiences.yml:10: purposes.recruit[0]: 'two' is already under plan") for m in messages)
    assert any(m.startswith("docs/audiences.yml:10: purposes.recruit[1]: unknown tool 'gone'") for m in messages)
    file.write_text("audiences:\n  - audience: trainer\n    start:\n      - {tool: one, when: Only one.}\n")
    with pytest.raises(ContentError) as caught:
        load_starts(file, "docs/audiences.yml", {"one"})
    assert str(caught.value.issues[0]).startswith("docs/audiences.yml:")  # three to five, not one


def test_a_role_pack_over_ten_tools_is_refused(tmp_path):
    from toolkit.content.audiences import load_starts
    from toolkit.content.issue import ContentError

    tools = [f"t{i}" for i in range(12)]
    file = tmp_path / "audiences.yml"
    file.write_text("audiences:\n  - audience: director\n    start:\n"
                    + "".join(f"      - {{tool: {t}, when: Now.}}\n" for t in tools[:3])
                    + f"    then: [{', '.join(tools[3:])}]\n")
    with pytest.raises(ContentError) as caught:
        load_starts(file, "docs/audiences.yml", set(tools))
    assert "ten at most" in str(caught.value) or "10 at most" in str(caught.value)
