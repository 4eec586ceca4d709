"""Nothing leaves the site: no resource in the built HTML or CSS points off-site (the browser
side, no request leaving the site, is in tests/test_site_in_browser.py)."""

from __future__ import annotations

from tests.sitecheck import SiteChecker, is_offsite

from .test_sitecheck import _write


def test_no_resource_in_the_site_points_off_site(built_site):
    assert SiteChecker(built_site).offsite_problems() == []


def test_checker_reports_off_site_scripts_styles_images_and_css_urls(tmp_path):
    site = _write(tmp_path, {
        "index.html": (
            '<script src="https://cdn.example/x.js"></script>\n'
            '<link rel="stylesheet" href="//fonts.example/css">\n'
            '<img srcset="a.png 1x, http://img.example/b.png 2x" alt="">\n'
            '<a href="https://example.org/">a plain link out is fine</a>\n'
            '<link rel="canonical" href="https://example.org/">\n'
            '<script src="assets/own.js"></script>'
        ),
        "assets/x.css": "a{background:url(data:image/svg+xml,abc)}\nb{background:url('https://t.example/p.gif')}",
    })
    assert SiteChecker(site).offsite_problems() == [
        "site/index.html:1: loads 'https://cdn.example/x.js' from off the site",
        "site/index.html:2: loads '//fonts.example/css' from off the site",
        "site/index.html:3: loads 'http://img.example/b.png' from off the site",
        "site/assets/x.css:2: loads 'https://t.example/p.gif' from off the site",
    ]


def test_is_offsite():
    assert is_offsite("https://a.example/") and is_offsite("//a.example/x") and is_offsite("ftp://x")
    assert not is_offsite("../x.html#a") and not is_offsite("/assets/x.css") and not is_offsite("#top")
