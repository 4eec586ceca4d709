"""Converted tool text kept between builds (toolkit/site/markdown.py, ConvertedCache): an entry is
found only for the same text, glossary and converter versions; a damaged file is ignored whole;
and a site built with the cache empty, filled or damaged is the same, byte for byte."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from toolkit.site import markdown as md

from .conftest import build_site

VERSIONS = "markdown 1; pymdown-extensions 1; python 3.11; toolkit.site.markdown abc"
GLOSSARY = (("PSW", "peer support worker"),)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache in tmp_path/markdown, in place of the project's, and no in-process copies."""
    fresh = md.ConvertedCache(tmp_path / "markdown", VERSIONS)
    monkeypatch.setattr(md, "CACHE", fresh)
    md._converted.cache_clear()
    yield fresh
    md._converted.cache_clear()


def _reopen(cache: md.ConvertedCache, versions: str = VERSIONS) -> md.ConvertedCache:
    """The same folder as a new build process would find it."""
    md._converted.cache_clear()
    return md.ConvertedCache(cache.folder, versions)


def _refuse_converting(monkeypatch):
    def refuse(text, abbrs=()):
        raise AssertionError(f"converted again although kept: {text!r}")

    monkeypatch.setattr(md, "convert_now", refuse)


def test_a_kept_conversion_is_what_converting_gives_and_is_reused(cache, monkeypatch):
    text = "A *PSW* says \"hello\" -- see [the guide](../guide.md)."
    made = md.md_block(text, GLOSSARY)
    assert str(made) == md.convert_now(text, GLOSSARY) and "<abbr" in made and "&ndash;" in made
    md.save_converted()
    assert len(list(cache.folder.iterdir())) == 1
    monkeypatch.setattr(md, "CACHE", _reopen(cache))
    _refuse_converting(monkeypatch)
    assert md.md_block(text, GLOSSARY) == made


def test_changed_text_or_glossary_is_converted_again(cache, monkeypatch):
    md.md_block("Plain text.", GLOSSARY)
    md.save_converted()
    kept = _reopen(cache)
    monkeypatch.setattr(md, "CACHE", kept)
    assert kept.get(md._entry_key("Plain text.", GLOSSARY)) is not None
    assert kept.get(md._entry_key("Plain text!", GLOSSARY)) is None  # the text changed
    assert kept.get(md._entry_key("Plain text.", ())) is None  # the glossary changed
    assert kept.get(md._entry_key("Plain text.", (("PSW", "peer support"),))) is None  # a definition changed
    assert md.md_block("A PSW.", GLOSSARY) == md.convert_now("A PSW.", GLOSSARY)


@pytest.mark.parametrize("changed", [
    "markdown 2; pymdown-extensions 1; python 3.11; toolkit.site.markdown abc",
    "markdown 1; pymdown-extensions 2; python 3.11; toolkit.site.markdown abc",
    "markdown 1; pymdown-extensions 1; python 3.12; toolkit.site.markdown abc",
    "markdown 1; pymdown-extensions 1; python 3.11; toolkit.site.markdown abd",
])
def test_a_new_converter_version_reads_no_old_entry(cache, changed):
    md.md_block("Some *text*.", GLOSSARY)
    md.save_converted()
    assert _reopen(cache).get(md._entry_key("Some *text*.", GLOSSARY)) is not None
    newer = _reopen(cache, changed)
    assert newer.path != cache.path
    assert newer.get(md._entry_key("Some *text*.", GLOSSARY)) is None


def test_the_real_versions_name_every_input():
    versions = md._converter_versions()
    for part in ("markdown ", "pymdown-extensions ", "python ", "toolkit.site.markdown "):
        assert part in versions
    assert md.CACHE.path.name == md.ConvertedCache(Path("x"), versions).path.name


def _damaged(cache: md.ConvertedCache, how: str) -> None:
    raw = cache.path.read_bytes()
    head, _, body = raw.partition(b"\n")
    if how == "flipped":  # one changed byte in an entry: the checksum no longer matches
        at = body.index(b"<p>")
        cache.path.write_bytes(head + b"\n" + body[:at] + b"<P>" + body[at + 3 :])
    elif how == "truncated":
        cache.path.write_bytes(raw[: len(raw) // 2])
    elif how == "not json":  # a matching checksum over text that is not JSON
        import hashlib

        cache.path.write_bytes(f"{md.ConvertedCache.MAGIC} {hashlib.sha256(b'{x').hexdigest()}\n".encode() + b"{x")
    elif how == "wrong shape":  # valid and checksummed, but not text for text
        import hashlib

        data = json.dumps({"k": ["<p>x</p>"]}).encode()
        cache.path.write_bytes(f"{md.ConvertedCache.MAGIC} {hashlib.sha256(data).hexdigest()}\n".encode() + data)
    elif how == "empty":
        cache.path.write_bytes(b"")
    elif how == "binary":
        cache.path.write_bytes(b"\xff\xfe\x00garbage")


@pytest.mark.parametrize("how", ["flipped", "truncated", "not json", "wrong shape", "empty", "binary"])
def test_a_damaged_file_is_ignored_and_text_converted_again(cache, monkeypatch, how):
    text = "First paragraph.\n\nSecond, with *emphasis*."
    made = md.md_block(text, GLOSSARY)
    md.save_converted()
    _damaged(cache, how)
    kept = _reopen(cache)
    assert kept.get(md._entry_key(text, GLOSSARY)) is None
    monkeypatch.setattr(md, "CACHE", kept)
    assert md.md_block(text, GLOSSARY) == made
    md.save_converted()  # a damaged file is replaced by a good one
    assert _reopen(cache).get(md._entry_key(text, GLOSSARY)) == str(made)


def test_an_unwritable_cache_still_converts(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(md, "CACHE", md.ConvertedCache(blocked / "markdown", VERSIONS))
    md._converted.cache_clear()
    try:
        assert md.md_block("*x*") == md.Markup("<p><em>x</em></p>")
        md.save_converted(prune=True)  # no error: the next build converts again
        assert not (blocked / "markdown").exists()
    finally:
        md._converted.cache_clear()


def test_a_whole_build_drops_what_it_no_longer_uses(cache, monkeypatch):
    for i in range(5):
        md.md_block(f"Old text {i}.")
    md.save_converted()
    later = _reopen(cache)
    monkeypatch.setattr(md, "CACHE", later)
    md.md_block("Old text 0.")
    md.md_block("New text.")
    md.save_converted()  # not a whole build (e.g. one tool shown): everything is kept
    assert len(json.loads(later.path.read_bytes().partition(b"\n")[2])) == 6
    md.save_converted(prune=True)  # unused entries (4) outnumber the used (2): dropped
    kept = json.loads(later.path.read_bytes().partition(b"\n")[2])
    assert sorted(kept) == sorted([md._entry_key("Old text 0.", ()), md._entry_key("New text.", ())])


def _same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


def test_a_site_is_the_same_built_cold_warm_and_with_a_damaged_cache(project, tmp_path, monkeypatch):
    config = project / "mkdocs.yml"
    monkeypatch.setattr(md, "CACHE", md.ConvertedCache(tmp_path / "markdown", md._converter_versions()))
    md._converted.cache_clear()
    calls: list[str] = []
    real = md.convert_now

    def counted(text, abbrs=()):
        calls.append(text)
        return real(text, abbrs)

    monkeypatch.setattr(md, "convert_now", counted)
    try:
        build_site(config, tmp_path / "cold")
        assert calls, "nothing was converted in the first build"
        assert md.CACHE.path.is_file()
        # Warm: a new process would find the file; nothing is converted again.
        monkeypatch.setattr(md, "CACHE", md.ConvertedCache(md.CACHE.folder, md._converter_versions()))
        md._converted.cache_clear()
        calls.clear()
        build_site(config, tmp_path / "warm")
        assert calls == []
        # Damaged: every entry's HTML changed by one letter, but the checksum no longer matches.
        kept = md.CACHE.path.read_bytes()
        md.CACHE.path.write_bytes(kept.replace(b"<p>", b"<P>"))
        monkeypatch.setattr(md, "CACHE", md.ConvertedCache(md.CACHE.folder, md._converter_versions()))
        md._converted.cache_clear()
        build_site(config, tmp_path / "damaged")
        assert calls, "the damaged file was used"
    finally:
        md._converted.cache_clear()
    assert _same_tree(tmp_path / "cold", tmp_path / "warm") == []
    assert _same_tree(tmp_path / "cold", tmp_path / "damaged") == []
