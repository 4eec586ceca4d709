"""Local customisation without forking: the example overlay, built as a training department would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit.content import overlay
from toolkit.content.issue import ContentError

from .conftest import ROOT, build_site
from .mini import mini_project
from .test_build import _cli_build

EXAMPLE = ROOT / "examples" / "local-example"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shipped project (the small one of tests/mini.py) plus the example overlay in local/, built strictly."""
    project = mini_project(tmp_path_factory.mktemp("overlay-project"))
    shutil.copytree(EXAMPLE, project / "local")
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    after = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert before == after, "the overlay changes no shipped file"
    return site


def test_name_logo_and_colours_appear(local_site):
    home = soup(local_site / "index.html")
    settings = overlay.load(EXAMPLE, ROOT).settings
    assert settings.site_name in home.select_one(".md-header__title").get_text()
    logo = home.select_one(".md-header__button.md-logo img")
    assert logo["src"] == "assets/local/logo.svg"
    assert (local_site / "assets" / "local" / "logo.svg").read_bytes() == (EXAMPLE / "logo.svg").read_bytes()
    assert "assets/local/local.css" in {link.get("href") for link in home.find_all("link")}
    assert settings.organisation.colours.primary in (local_site / "assets" / "local" / "local.css").read_text()
    assert f"Hosted by {settings.organisation.name}" in home.get_text()


def test_contact_policies_and_extra_page(local_site):
    about = soup(local_site / "local" / "index.html")
    text = about.get_text(" ", strip=True)
    assert "Learning and Development" in text and "01234 567890" in text
    hrefs = {a["href"] for a in about.find_all("a", href=True)}
    assert "https://intranet.example.invalid/policies/supervision" in hrefs
    assert (local_site / "local" / "induction-day" / "index.html").is_file()


def test_extra_tool_appears_everywhere_a_tool_does(local_site):
    tool_id = "example-valley-supervision-agreement"
    page = soup(local_site / "tools" / tool_id / "index.html")
    assert page.find(id=f"{tool_id}--personal-experience") is not None
    index = soup(local_site / "tools" / "index.html")
    assert f"{tool_id}/" in {a["href"] for a in index.select("article a[href]")}
    tools = {t["id"]: t for t in json.loads((local_site / "tools.json").read_text())["tools"]}
    assert tools[tool_id]["origin"] == "local" and tools["sharing-risks"]["origin"] == "toolkit"
    assert tools[tool_id]["source"]["paper"] == "example-valley-supervision"


def test_hidden_tool_does_not_appear(local_site):
    hidden = "sharing-benefits"
    tools = json.loads((local_site / "tools.json").read_text())["tools"]
    assert hidden not in {t["id"] for t in tools}
    index = (local_site / "tools" / "index.html").read_text()
    assert f"{hidden}/" not in index, "not in the tool index nor the navigation"
    search = (local_site / "search" / "search_index.json").read_text()
    assert f"tools/{hidden}/" not in search
    notice = soup(local_site / "tools" / hidden / "index.html")
    assert notice.find(attrs={"data-tool": hidden}) is None and "does not use this tool" in notice.get_text()
    related = soup(local_site / "tools" / "example-valley-supervision-agreement" / "index.html")
    assert f"../{hidden}/" not in {a["href"] for a in related.select("article a[href]")}
    path = soup(local_site / "paths" / "example-valley-induction" / "index.html")
    assert len(path.select("li.tk-path-step")) == 3, "the hidden tool's step is dropped"
    assert "step 4" not in path.get_text().lower()


def test_local_path_uses_local_page_and_tool(local_site):
    page = soup(local_site / "tools" / "example-valley-supervision-agreement" / "index.html")
    assert "Step 2 of 3 in Example Valley induction afternoon" in page.select_one("nav.tk-path-nav").get_text(" ", strip=True)


def test_toolkit_local_env_points_at_any_folder(project, tmp_path, monkeypatch):
    monkeypatch.setenv(overlay.ENV, str(EXAMPLE))
    build_site(project / "mkdocs.yml", tmp_path / "out")
    assert (tmp_path / "out" / "tools" / "example-valley-supervision-agreement" / "index.html").is_file()


def test_bad_overlay_fails_with_path_and_line(project, tmp_path):
    shutil.copytree(EXAMPLE, project / "local")
    settings = project / "local" / "local.yml"
    text = settings.read_text().replace("hide_tools: [sharing-benefits]", "hide_tools: [sharing-benefitz]")
    settings.write_text(text)
    line = text.splitlines().index("hide_tools: [sharing-benefitz]") + 1
    result = _cli_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"local/local.yml:{line}: hide_tools[0]: unknown tool 'sharing-benefitz'" in result.stderr


@pytest.mark.parametrize("old, new, message", [
    ("logo: logo.svg", "logo: missing.png", "organisation.logo: no file 'missing.png'"),
    ('primary: "#005eb8"', 'primary: "blue"', "organisation.colours.primary: String should match pattern"),
    ("site_name:", "site_nam:", "site_nam: unknown field"),
])
def test_overlay_settings_are_checked(tmp_path, old, new, message):
    folder = tmp_path / "local"
    shutil.copytree(EXAMPLE, folder)
    settings = folder / "local.yml"
    text = settings.read_text().replace(old, new)
    settings.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if new in l)
    with pytest.raises(ContentError) as err:
        overlay.load(folder, tmp_path)
    assert f"local/local.yml:{line}: {message}" in str(err.value)


def test_validate_checks_the_overlay_too(project, monkeypatch, capsys):
    from toolkit.cli import main

    shutil.copytree(EXAMPLE, project / "local")
    monkeypatch.chdir(project)
    assert main(["validate"]) == 0
    from toolkit.content.catalog import load_catalog

    shipped = len(load_catalog(project / "docs").tools)
    assert f"ok: local overlay local: {shipped + 1} tools in all, 1 hidden" in capsys.readouterr().out
    path = project / "local" / "paths" / "example-valley-induction.yml"
    text = path.read_text().replace("tool: preparing-to-share", "tool: preparing-to-shar")
    path.write_text(text)
    line = text.splitlines().index("  - tool: preparing-to-shar") + 1
    assert main(["validate"]) == 1
    assert f"local/paths/example-valley-induction.yml:{line}: steps[2].tool: unknown tool 'preparing-to-shar'" in capsys.readouterr().err


def test_local_support_note_replaces_the_shipped_one(local_site):
    # preparing-to-share asks about the user's own experience (personal: true); the reflective
    # practice session plan does too.
    settings = overlay.load(EXAMPLE, ROOT).settings
    for page in (local_site / "tools" / "preparing-to-share" / "index.html",
                 local_site / "paths" / "reflective-practice-session" / "index.html"):
        note = soup(page).select_one(".tk-support")
        text = note.get_text(" ", strip=True)
        assert "Example Valley staff support line on 01234 567999" in text
        assert "stir up feelings" not in text, "the shipped text is replaced, not added to"
    assert "staff support line" in settings.support
