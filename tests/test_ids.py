"""One rule for the ids of tools, diagrams and learning paths: id == file name, unique per kind."""

from __future__ import annotations

from toolkit.content.ids import FileId, check_file_ids
from toolkit.site.paths import load_paths
from toolkit.content.issue import ContentError


def test_id_must_match_file_name_and_be_unique():
    issues = check_file_ids(
        [
            FileId("a", "docs/tools/x/a.yml", 1),
            FileId("b", "docs/tools/y/c.yml", 2),
            FileId("a", "docs/tools/z/a.yml", 3),
        ],
        "tool",
    )
    assert [str(i) for i in issues] == [
        "docs/tools/y/c.yml:2: id: 'b' must match the file name ('c')",
        "docs/tools/z/a.yml:3: id: duplicate tool id 'a' (also in docs/tools/x/a.yml:1)",
    ]


def test_clean_ids_give_no_issues():
    assert check_file_ids([FileId("a", "a.yml", 1), FileId("b", "sub\\b.yml", 1)], "path") == []


def test_learning_paths_follow_the_same_rule(tmp_path):
    body = "id: {id}\ntitle: A path\nsummary: Why.\naudiences: [practitioner]\nsteps:\n  - page: index.md\n    title: Start\n    minutes: 5\n"
    one = tmp_path / "one" / "first.yml"
    two = tmp_path / "two" / "first.yml"
    for f, ident in ((one, "first"), (two, "first")):
        f.parent.mkdir()
        f.write_text(body.format(id=ident), encoding="utf-8")
    try:
        load_paths([(one, "paths/one/first.yml"), (two, "paths/two/first.yml")], set(), {"index.md"})
    except ContentError as exc:
        messages = [str(i) for i in exc.issues]
    else:
        messages = []
    assert messages == ["paths/two/first.yml:1: id: duplicate path id 'first' (also in paths/one/first.yml:1)"]
