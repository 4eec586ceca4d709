"""Generate, build with any engine, finish: the same site from MkDocs (through the hooks or from
the generated tree), ProperDocs and Zensical.

ProperDocs and Zensical are installed by toolkit.engine.engines into .cache/engines/ on first
use (`make engines` does it ahead); after that these tests cost one small build each.
"""

from __future__ import annotations

import ast
import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.content.issue import ContentError
from toolkit.engine import engines
from toolkit.site import finish, generate

from .conftest import ROOT, build_site, serve, shared

ENGINE_MODULES = ("mkdocs", "properdocs", "zensical", "material")
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_no_module_outside_the_engine_package_imports_an_engine():
    offenders = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("toolkit/engine/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{rel}:{node.lineno}: {n}" for n in names if n.split(".")[0] in ENGINE_MODULES]
    assert offenders == []


def test_generate_runs_with_no_engine_installed(tmp_path):
    """`toolkit generate` in a process where importing any engine fails."""
    code = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {ENGINE_MODULES!r}:
            raise ImportError("engine imported: " + name)
sys.meta_path.insert(0, Block())
from toolkit.cli import main
sys.exit(main(["generate", {str(tmp_path / "tree")!r}, "--config", {str(_project(tmp_path / "p") / "mkdocs.yml")!r}]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    tree = tmp_path / "tree"
    config = generate.read_config(tree / "mkdocs.yml")
    assert "hooks" not in config and config["theme"]["custom_dir"] == "overrides"
    assert (tree / "overrides" / "partials" / "search.html").is_file()
    assert not list((tree / "docs").rglob("*.yml")), "content data would be published"
    assert (tree / "docs" / "tools" / "sharing-risks.md").is_file() and (tree / "docs" / "tools.json").is_file()
    assert "/tools/sharing-risks.md" in config["not_in_nav"].splitlines()
    assert "<!-- toolkit:" not in (tree / "docs" / "guides" / "personal-experience" / "index.md").read_text()


def _project(root: Path) -> Path:
    from .mini import mini_project

    return mini_project(root)


def _hook_build(folder: Path) -> None:
    build_site(_project(folder / "p") / "mkdocs.yml", folder / "site")


@pytest.fixture(scope="session")
def hook_site(tmp_path_factory) -> Path:
    """The small project built through the MkDocs hooks, as `make site` builds."""
    return shared(tmp_path_factory, "engines-hook", _hook_build) / "site"


def _same_except_generator(a: Path, b: Path) -> list[str]:
    """Files that differ between two sites, ignoring only the generator <meta> tag."""
    left = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    right = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    if left != right:
        return sorted(set(left) ^ set(right))
    out = []
    for rel in left:
        x, y = (a / rel).read_bytes(), (b / rel).read_bytes()
        if x != y and _GENERATOR.sub(b"", x) != _GENERATOR.sub(b"", y):
            out.append(rel)
    return out


def test_the_hook_build_and_generate_build_finish_are_identical(hook_site, tmp_path):
    project = hook_site.parent / "p"
    tree = tmp_path / "tree"
    generate.write_tree(project / "mkdocs.yml", tree)
    build_site(tree / "mkdocs.yml", tmp_path / "site")  # the generated mkdocs.yml has no hooks
    shutil.copytree(tmp_path / "site", tmp_path / "short")
    finish.finish_site(tmp_path / "site", project / "mkdocs.yml")
    with pytest.raises(ContentError, match="finished already"):
        finish.finish_site(tmp_path / "site", project / "mkdocs.yml")
    # An engine that leaves a page out fails the finish, whatever its exit code said.
    (tmp_path / "short" / "tools" / "sharing-risks" / "index.html").unlink()
    with pytest.raises(ContentError, match=r"docs/tools/sharing-risks.md:1: the engine did not build this page"):
        finish.finish_site(tmp_path / "short", project / "mkdocs.yml")
    assert _same_except_generator(hook_site, tmp_path / "site") == []
    assert filecmp.cmp(hook_site / "search" / "search_index.json", tmp_path / "site" / "search" / "search_index.json", shallow=False)


@pytest.mark.engines
def test_properdocs_builds_the_same_site(hook_site, tmp_path):
    project = hook_site.parent / "p"
    engines.build("properdocs", project / "mkdocs.yml", tmp_path / "tree", tmp_path / "site")
    generator = re.search(r'<meta name="generator" content="([^"]*)">', (tmp_path / "site" / "index.html").read_text())[1]
    assert "ProperDocs" in generator, generator
    assert _same_except_generator(hook_site, tmp_path / "site") == []


def _zensical_build(folder: Path) -> None:
    project = _project(folder / "p")
    engines.build("zensical", project / "mkdocs.yml", folder / "tree", folder / "site")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    return shared(tmp_path_factory, "engines-zensical", _zensical_build) / "site"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.mark.engines
def test_zensical_builds_every_page_and_publishes_no_data(hook_site, zensical_site):
    assert "zensical" in re.search(r'<meta name="generator" content="([^"]*)">', (zensical_site / "index.html").read_text())[1]
    assert len(_pages(zensical_site)) == len(_pages(hook_site)) > 30
    assert _pages(zensical_site) == _pages(hook_site)
    assert not [p for p in zensical_site.rglob("*") if p.suffix in (".yml", ".yaml", ".lock")]
    tool = (zensical_site / "tools" / "sharing-risks" / "index.html").read_text()
    assert "checklist.js" in tool and "<!-- toolkit:" not in (zensical_site / "guides" / "personal-experience" / "index.html").read_text()
    items = __import__("json").loads((zensical_site / "search.json").read_text())["items"]
    assert any(i["location"].startswith("tools/sharing-risks/#sharing-risks--") for i in items), "no item entries"
    assert "Content-Security-Policy" in tool and (zensical_site / "csp.txt").is_file()


@pytest.mark.engines
@pytest.mark.browser
def test_zensical_site_keeps_answers_and_fetches_nothing_from_elsewhere(zensical_site, browser):
    """A tool keeps an answer, no script is blocked by the policy, nothing comes from elsewhere."""
    from .sweep import _LISTEN

    with serve(zensical_site) as url:
        context = browser.new_context()
        context.add_init_script(script=_LISTEN)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            page.goto(f"{url}/tools/sharing-risks/")
            box = page.locator(".tk-checklist input[type=checkbox]").first
            box.check()
            page.wait_for_function("Object.keys(localStorage).some((k) => localStorage.getItem(k).includes('sharing-risks'))")
            page.reload()
            assert page.locator(".tk-checklist input[type=checkbox]").first.is_checked()
            # Zensical 0.0.73's bundle adds one inline <style> the strict policy blocks (README:
            # what Zensical still lacks); no script of the page is blocked.
            blocked = page.evaluate("window.__csp || []")
            assert [v for v in blocked if not v.startswith("style-src-elem inline")] == []
            assert [u for u in requests if not u.startswith((url, "data:"))] == []
        finally:
            context.close()


@pytest.mark.engines
@pytest.mark.browser
def test_zensical_search_finds_a_tool(zensical_site, browser):
    """Zensical's search dialog (in a shadow root; "/" opens it) lists a tool page."""
    with serve(zensical_site) as url:
        page = browser.new_page()
        try:
            page.goto(f"{url}/")
            page.wait_for_load_state("load")
            page.keyboard.press("/")
            page.keyboard.type("sharing", delay=30)
            results = page.locator("a[role=option]")  # Playwright's CSS reaches into open shadow roots
            results.first.wait_for(state="attached", timeout=15_000)
            hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
            assert any("tools/" in h for h in hrefs), hrefs
        finally:
            page.close()
