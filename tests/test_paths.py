"""Learning paths: validation with path:line, the step-by-step page, step N of M, audience pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.authoring import validate_paths
from toolkit.content.catalog import load_catalog
from toolkit.content.issue import ContentError
from toolkit.content.model import AUDIENCES
from toolkit.site import paths

from .conftest import DOCS, ROOT
from .test_build import _cli_build

CATALOG = load_catalog(DOCS)
PATH_FILES = sorted((DOCS / "paths").glob("*.yml"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_shipped_paths_validate():
    assert validate_paths(DOCS, CATALOG, ROOT) == len(PATH_FILES) >= 3


@pytest.mark.parametrize("file", PATH_FILES, ids=lambda f: f.stem)
def test_path_page_renders_its_steps_in_order(built_site, file):
    lp = paths.load_path(file, file.name)
    page = soup(built_site / "paths" / lp.path.id / "index.html")
    steps = page.select("li.tk-path-step")
    assert [s["data-step"] for s in steps] == [str(i) for i in range(1, len(lp.path.steps) + 1)]
    for n, (li, step) in enumerate(zip(steps, lp.path.steps), start=1):
        text = li.get_text(" ", strip=True)
        title = step.title or CATALOG.tool(step.tool).tool.title
        assert text.startswith(f"Step {n} of {len(steps)}: {title}")
        assert paths.duration(paths.step_minutes(step, CATALOG)) in text
        href = li.find("a")["href"]
        assert href.startswith("../../tools/" + step.tool + "/") if step.tool else href.startswith("../../")
    total = paths.duration(paths.total_minutes(lp, CATALOG))
    assert f"about {total} in all" in page.select_one(".tk-meta").get_text(" ", strip=True)


def test_each_page_in_a_path_says_step_n_of_m_with_previous_and_next(built_site):
    lp = paths.load_path(DOCS / "paths" / "induction-using-experience.yml", "x")
    steps = lp.path.steps
    m = len(steps)
    for n, step in enumerate(steps, start=1):
        if not step.tool:
            continue
        page = soup(built_site / "tools" / step.tool / "index.html")
        navs = page.select(f'nav.tk-path-nav .tk-path-nav-row[data-path="{lp.path.id}"]')
        assert len(navs) == 1, "in full at the end"
        # Under the title, one compact line (the first path that holds the page, and how many more).
        line = page.select_one("nav.tk-path-line")
        if line["data-path"] == lp.path.id:
            assert line.get_text(" ", strip=True).startswith(f"Step {n} of {m} in {lp.path.title}")
        text = navs[0].get_text(" ", strip=True)
        assert f"Step {n} of {m} in {lp.path.title}" in text
        prev = navs[0].select_one(".tk-path-nav-prev a")
        nxt = navs[0].select_one(".tk-path-nav-next a")
        if n > 1:
            before = steps[n - 2]
            assert prev.get_text() == (before.title or CATALOG.tool(before.tool).tool.title)
        if n < m:
            after = steps[n]
            assert nxt.get_text() == (after.title or CATALOG.tool(after.tool).tool.title)
            assert nxt["href"] == f"../{after.tool}/"
        else:
            assert nxt is None
    first_page = soup(built_site / "guides" / "personal-experience" / "index.html")
    assert steps[0].page == "guides/personal-experience/index.md"
    assert "Step 1 of" in first_page.select_one(f'nav#tk-learning-paths .tk-path-nav-row[data-path="{lp.path.id}"]').get_text()
    assert first_page.select_one("nav.tk-path-line").get_text(" ", strip=True).startswith("Step ")


def test_an_audience_landing_page_for_every_audience(built_site):
    assert {"practitioner", "peer-support-worker", "team-leader", "hr-occupational-health", "trainer", "director"} <= set(AUDIENCES)
    for audience, label in AUDIENCES.items():
        page = soup(built_site / "audiences" / audience / "index.html")
        readers = label if label.startswith("HR") else label.lower()
        assert page.find("h1").get_text(strip=True).rstrip("¶") == f"For {readers}"
        tool_links = {a.get_text() for a in page.select(".tk-start a, #tools ~ ul a")}
        expected = {e.tool.title for e in CATALOG.tools.values() if audience in e.tool.audiences}
        assert expected <= tool_links
    trainer = soup(built_site / "audiences" / "trainer" / "index.html").get_text()
    assert "A reflective practice session on sharing personal experience" in trainer


def _write_path(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "paths"
    folder.mkdir(exist_ok=True)
    file = folder / "demo.yml"
    file.write_text(body)
    return file


BASE = "id: demo\ntitle: Demo\nsummary: A demo.\naudiences: [trainer]\nsteps:\n"


@pytest.mark.parametrize("steps, message", [
    ("  - tool: sharing-risks\n    minutes: 5\n  - tool: no-such-tool\n    minutes: 5\n",
     "paths/demo.yml:8: steps[1].tool: unknown tool 'no-such-tool'"),
    ("  - page: nowhere.md\n    title: Nowhere\n    minutes: 5\n", "paths/demo.yml:6: steps[0].page: no page 'nowhere.md' in the site"),
    ("  - page: index.md\n    minutes: 5\n", "paths/demo.yml:6: steps[0]: a page step needs a 'title'"),
    ("  - tool: sharing-risks\n    page: index.md\n    title: X\n    minutes: 5\n", "paths/demo.yml:6: steps[0]: give either 'tool' or 'page'"),
    ("  - page: index.md\n    title: Home\n", "paths/demo.yml:6: steps[0]: a page step needs 'minutes'"),
])
def test_bad_paths_fail_with_path_and_line(tmp_path, steps, message):
    file = _write_path(tmp_path, BASE + steps)
    with pytest.raises(ContentError) as err:
        paths.load_paths([(file, "paths/demo.yml")], set(CATALOG.tools), {"index.md"})
    assert any(str(i).startswith(message) for i in err.value.issues), err.value


def test_unknown_tool_in_a_shipped_path_fails_the_build(project, tmp_path):
    path = project / "docs" / "paths" / "supporting-your-team.yml"
    text = path.read_text().replace("tool: sharing-risks", "tool: sharing-riskz", 1)
    path.write_text(text)
    line = text.splitlines().index("  - tool: sharing-riskz") + 1
    index = [l for l in text.splitlines() if l.startswith("  - ")].index("  - tool: sharing-riskz")
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/paths/supporting-your-team.yml:{line}: steps[{index}].tool: unknown tool 'sharing-riskz'" in result.stderr


@pytest.mark.browser
def test_path_page_prints_as_a_handout(page, site_server):
    page.goto(f"{site_server}/paths/reflective-practice-session/")
    page.emulate_media(media="print")
    assert page.locator(".tk-handout-notes").first.is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    page.goto(f"{site_server}/tools/preparing-to-share/")
    page.emulate_media(media="print")
    assert not page.locator(".tk-path-nav").first.is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".tk-path-nav").first.is_visible()


def test_duration_in_words():
    assert paths.duration(45) == "45 minutes"
    assert paths.duration(60) == "1 hour"
    assert paths.duration(135) == "2 hours 15 minutes"
    assert paths.duration(1) == "1 minute"
