"""The stored-answers format (toolkit/answers.py, answers.schema.json) and its shipped fixtures.

The browser side (each format loads, imports, refusals) is tests/test_browser_storage.py.
"""

from __future__ import annotations

import json
import re

from toolkit.browser import answers
from toolkit.browser.bundle import ASSETS_DIR

from .test_browser_storage import CURRENT, FORMATS, fixture, record_validator


def test_fixtures_of_every_format_match_the_schema():
    files, records = record_validator()
    assert FORMATS[0] == "v1" and FORMATS[-1] == CURRENT, "add tests/fixtures/stored/vN for each new format"
    for version in FORMATS:
        export = fixture(version, "export.json")
        files.validate(export)
        assert export["version"] == int(version[1:])
        for value in fixture(version, "local-storage.json").values():
            records.validate(json.loads(value))
    assert "format" not in json.loads(fixture("v1", "local-storage.json")["tk:tool:test-list"])  # format 1 is unversioned
    bad = fixture(CURRENT, "export.json")
    bad["tools"]["__proto__"] = bad["tools"].pop("test-list")
    assert not files.is_valid(bad)


def test_store_js_uses_the_documented_version_and_limits():
    js = (ASSETS_DIR / "core" / "storage.js").read_text(encoding="utf-8")
    found = dict(re.findall(r"\b(FMT|MAX|LONG) = ([0-9e]+)", js))
    assert int(found["FMT"]) == answers.CURRENT
    assert float(found["MAX"]) == answers.MAX_FILE_BYTES and float(found["LONG"]) == answers.MAX_VALUE_CHARS
    assert f'FORMAT = "{answers.FILE_FORMAT}"' in js
    # One upgrade step per older format: UP[1] .. UP[CURRENT - 1].
    steps = re.search(r"var UP = \[0, (.*?)\];\n", js, re.S).group(1)
    assert steps.count("function") == answers.CURRENT - 1
