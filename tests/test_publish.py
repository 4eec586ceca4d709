"""Atomic publish and reproducible builds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.engine.publish import publish

from .conftest import ROOT, build_site


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".building-" in p.name or ".old-" in p.name]


def test_failed_build_leaves_published_site_byte_for_byte(project, tmp_path, capsys):
    out = tmp_path / "public" / "site"
    assert main(["build", "--config", str(project / "mkdocs.yml"), "--out", str(out)]) == 0
    before = snapshot(out)
    assert "index.html" in before
    tool = project / "docs" / "tools" / "personal-experience" / "sharing-risks.yml"
    tool.write_text(tool.read_text().replace("  - id: burden", "  - id: focus"))
    capsys.readouterr()
    assert main(["build", "--config", str(project / "mkdocs.yml"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "docs/tools/personal-experience/sharing-risks.yml:" in err and "duplicate id 'focus'" in err
    assert f"build failed: {out} is unchanged" in err
    assert snapshot(out) == before
    assert leftovers(out.parent) == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_part_way_keeps_old_folder_and_cleans_up(tmp_path, error):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old")

    def half_build(staging: Path) -> None:
        (staging / "index.html").write_text("new, half written")
        raise error

    with pytest.raises(type(error)):
        publish(out, half_build)
    assert snapshot(out) == {"index.html": hashlib.sha256(b"old").hexdigest()}
    assert leftovers(tmp_path) == []


def test_success_replaces_the_whole_folder(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old page")
    publish(out, lambda staging: (staging / "index.html").write_text("new"))
    assert sorted(snapshot(out)) == ["index.html"]
    assert leftovers(tmp_path) == []


def test_interrupted_cli_build_says_so(project, tmp_path, capsys, monkeypatch):
    from toolkit.engine import mkdocs_adapter

    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.html").write_text("published")

    def interrupted(config, staging):
        (staging / "partial.html").write_text("x")
        raise KeyboardInterrupt

    monkeypatch.setattr(mkdocs_adapter, "build", interrupted)
    assert main(["build", "--config", str(project / "mkdocs.yml"), "--out", str(out)]) == 130
    assert f"interrupted: {out} is unchanged" in capsys.readouterr().err
    assert sorted(snapshot(out)) == ["keep.html"]


def test_two_builds_are_identical(built_site, tmp_path):
    again = tmp_path / "again"
    build_site(ROOT / "mkdocs.yml", again)
    first, second = snapshot(built_site), snapshot(again)
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
