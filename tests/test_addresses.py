"""Every address rule of the site, pinned: one table per kind of address (toolkit/site/addresses.py)."""

import ast
from pathlib import Path

import pytest

from toolkit.site import addresses as a

PAGES = [
    (a.tool_uri, ("peer-checklist",), "tools/peer-checklist.md"),
    (a.team_uri, ("peer-checklist",), "team/peer-checklist.md"),
    (a.path_uri, ("first-week",), "paths/first-week.md"),
    (a.audience_uri, ("managers",), "audiences/managers.md"),
    (a.plan_uri, ("first-week",), "paths/first-week-plan.md"),
    (a.handout_uri, ("first-week",), "paths/first-week-handout.md"),
    (a.cards_uri, ("first-week",), "paths/first-week-cards.md"),
    (a.scenario_uri, ("late-shift",), "scenarios/late-shift.md"),
    (a.sheet_uri, ("print-two",), "scenarios/print-two.md"),
    (a.pack_uri, ("everything",), "packs/everything.md"),
    (a.download_uri, ("peer-checklist", "pdf"), "downloads/peer-checklist.pdf"),
    (a.footer_uri, ("tools/peer-checklist.md",), "assets/toolkit/footer/tools--peer-checklist.css"),
    (a.footer_uri, ("packs/everything.md",), "assets/toolkit/footer/packs--everything.css"),
    (a.anchor, ("plan",), "plan"),
    (a.anchor, ("plan", "goal"), "plan--goal"),
    (a.anchor, ("plan", "goal", "owner"), "plan--goal-owner"),
    (a.offline_page, ("tools/x.md",), "tools/x.html"),
    (a.offline_page, ("paths/index.md",), "paths/index.html"),
]


@pytest.mark.parametrize(("rule", "args", "address"), PAGES)
def test_each_page_and_file_has_one_address(rule, args, address):
    assert rule(*args) == address


def test_fixed_pages():
    assert (a.HOME_URI, a.TOOLS_INDEX_URI, a.PAPERS_URI, a.GLOSSARY_URI, a.LINKS_URI, a.ACCESSIBILITY_URI) == (
        "index.md",
        "tools/index.md",
        "papers.md",
        "glossary.md",
        "links.md",
        "accessibility.md",
    )
    assert (a.PATHS_INDEX_URI, a.AUDIENCES_INDEX_URI, a.SCENARIOS_INDEX_URI, a.TEAM_INDEX_URI) == (
        "paths/index.md",
        "audiences/index.md",
        "scenarios/index.md",
        "team/index.md",
    )
    assert (a.PACKS_INDEX_URI, a.LOCAL_INDEX_URI, a.LOCAL_CSS, a.TOOLS_JSON, a.LINKS_JSON) == (
        "packs/index.md",
        "local/index.md",
        "assets/local/local.css",
        "tools.json",
        "links.json",
    )
    assert a.session_uris("s") == {"paths/s-plan.md", "paths/s-handout.md", "paths/s-cards.md"}


@pytest.mark.parametrize(
    ("src_uri", "tool"),
    [("tools/x.md", "x"), ("tools/index.md", None), ("tools/sub/x.md", None), ("team/x.md", None), ("x.md", None)],
)
def test_the_tool_a_page_belongs_to(src_uri, tool):
    assert a.tool_of(src_uri) == tool


@pytest.mark.parametrize(
    ("src_uri", "team"), [("team/x.md", True), ("team/index.md", False), ("tools/x.md", False)]
)
def test_team_pages(src_uri, team):
    assert a.is_team_page(src_uri) is team


URLS = [
    # src_uri, url_path, url_path without directory URLs, page_url, page_url on a known site
    ("index.md", "/", "/", "./", "https://x.org/t/"),
    ("tools/x.md", "/tools/x/", "/tools/x.html", "tools/x/", "https://x.org/t/tools/x/"),
    ("tools/index.md", "/tools/", "/tools/", "tools/", "https://x.org/t/tools/"),
    ("guides/a/README.md", "/guides/a/", "/guides/a/", "guides/a/", "https://x.org/t/guides/a/"),
    ("packs/everything.md", "/packs/everything/", "/packs/everything.html", "packs/everything/",
     "https://x.org/t/packs/everything/"),
]


@pytest.mark.parametrize(("src_uri", "path", "flat", "printed", "absolute"), URLS)
def test_web_addresses(src_uri, path, flat, printed, absolute):
    assert a.url_path(src_uri) == path
    assert a.url_path(src_uri, use_directory_urls=False) == flat
    assert a.page_url(src_uri) == printed
    assert a.page_url(src_uri, "https://x.org/t") == absolute == a.page_url(src_uri, "https://x.org/t/")


@pytest.mark.parametrize(
    ("url", "file"), [("/", "index.html"), ("/tools/x/", "tools/x/index.html"), ("/tools/x.html", "tools/x.html")]
)
def test_the_file_a_url_is_served_from(url, file):
    assert a.output_path(url) == file


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("papers.md", "tools/x.md", "../papers.md"),
        ("tools/y.md", "tools/x.md", "y.md"),
        ("tools/x.md", "index.md", "tools/x.md"),
        ("team/x.md", "paths/a/b.md", "../../team/x.md"),
    ],
)
def test_links_between_pages(target, page, link):
    assert a.rel(target, page) == link


@pytest.mark.parametrize(
    ("url", "here", "link"),
    [
        ("/tools/y/", "/tools/x/", "../y/"),
        ("/", "/tools/x/", "../../"),
        ("/papers/", "/", "papers/"),
        ("/tools/y.html", "/tools/x.html", "y.html"),
    ],
)
def test_links_between_web_addresses(url, here, link):
    assert a.relative_url(url, here) == link


PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"


def test_no_other_module_defines_an_address_rule():
    """The functions and constants that make a page's address live in addresses.py alone."""
    rules = {n for n in dir(a) if n.endswith(("_uri", "_URI", "_DIR")) or n in ("page_url", "url_path", "anchor")}
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        if file.name == "addresses.py":
            continue
        for node in ast.parse(file.read_text(encoding="utf-8")).body:
            names = [node.name] if isinstance(node, ast.FunctionDef) else []
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            found += [f"{file.relative_to(PACKAGE)}: {n}" for n in names if n in rules]
    assert found == []
