"""Every internal link and #anchor in the built site resolves, raw HTML included."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config import load_config

from tests.sitecheck import SiteChecker

from .conftest import ROOT


def test_every_internal_link_and_anchor_in_the_site_resolves(built_site):
    checker = SiteChecker(built_site)
    assert len(checker.html_files()) > 3
    assert checker.link_problems() == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_crawler_reports_broken_links_anchors_and_search_locations(tmp_path):
    site = _write(tmp_path, {
        "index.html": (
            '<a href="tools/a/">ok</a>\n<a href="tools/a/#item-1">ok</a>\n'
            '<a href="missing.html">gone</a>\n<a href="tools/a/#nope">bad anchor</a>\n'
            '<img src="img/gone.png" alt="">\n<a href="https://example.org/x">outside</a>\n'
            '<a href="#top">self</a><h1 id="top">t</h1><a href="mailto:a@b.c">mail</a>'
        ),
        "tools/a/index.html": '<li id="item-1">x</li><a href="../../#top">back</a><a name="old">o</a>',
        "search/search_index.json": json.dumps(
            {"docs": [{"location": "tools/a/#item-1"}, {"location": "tools/a/#gone"}, {"location": ""}]}
        ),
    })
    assert SiteChecker(site).link_problems() == [
        "site/index.html:3: broken link 'missing.html': no such file in the site",
        "site/index.html:4: broken anchor 'tools/a/#nope': tools/a/index.html has no element with id 'nope'",
        "site/index.html:5: broken link 'img/gone.png': no such file in the site",
        "site/search/search_index.json: broken anchor 'tools/a/#gone': "
        "tools/a/index.html has no element with id 'gone'",
    ]


def test_mkdocs_validation_warns_on_every_link_problem_and_builds_strict():
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    assert cfg.strict is True
    for group in ("links", "nav"):
        for option, level in cfg.validation[group].items():
            assert level == logging.WARNING, f"validation.{group}.{option} is not 'warn'"
