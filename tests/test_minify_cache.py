"""The minified-file cache (toolkit/browser/bundle.py): same bytes as minifying now, kept by a
hash of the source, so a changed source is minified again and a kept file is reused."""

from __future__ import annotations

import pytest

from toolkit.browser import bundle


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MINIFY_CACHE", tmp_path / "minified")
    bundle._minify.cache_clear()
    yield tmp_path / "minified"
    bundle._minify.cache_clear()


def test_a_kept_file_is_what_minifying_gives_and_is_reused(cache, monkeypatch):
    source = "function hello(longName) { var other = longName + 1; return other; }\nwindow.hello = hello;\n"
    made = bundle._minify(source, ".js")
    assert made == bundle._minify_now(source, ".js") and "longName" not in made
    assert [p.suffix for p in cache.iterdir()] == [".js"]
    bundle._minify.cache_clear()

    def refuse(text, suffix):
        raise AssertionError("minified again although kept")

    monkeypatch.setattr(bundle, "_minify_now", refuse)
    assert bundle._minify(source, ".js") == made  # from the kept file


def test_a_changed_source_is_minified_again(cache):
    bundle._minify(".a { color: red; }", ".css")
    bundle._minify(".a { color: blue; }", ".css")
    assert len(list(cache.iterdir())) == 2


def test_an_unwritable_cache_still_minifies(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(bundle, "MINIFY_CACHE", blocked / "minified")
    bundle._minify.cache_clear()
    try:
        assert bundle._minify(".b { margin: 0 ; }", ".css") == ".b{margin:0}"
    finally:
        bundle._minify.cache_clear()
