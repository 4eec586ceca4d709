"""The toolkit-share profile (scripts/bench_profile.py): which samples count as the toolkit's.

The bench itself is run by `make bench`, not timed here; this checks its attribution rule on
py-spy's raw format, since a wrong rule would report any share at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_profile import attribute, is_toolkit_frame  # noqa: E402

ROOTS = ("/repo/toolkit/", "/repo/hooks/")


def test_a_frame_counts_for_the_toolkit_by_its_file():
    assert is_toolkit_frame("scan (/repo/toolkit/csp.py:70)", ROOTS)
    assert is_toolkit_frame("on_files (/repo/hooks/toolkit_hooks.py:12)", ROOTS)
    # Jinja names compiled template code after its template, wherever it was compiled.
    assert is_toolkit_frame("root (tool.md.j2:112)", ROOTS)
    assert not is_toolkit_frame("Markdown.convert (/venv/site-packages/markdown/core.py:374)", ROOTS)
    # A folder that only starts like the toolkit's is not it.
    assert not is_toolkit_frame("f (/repo/toolkit_extra/x.py:1)", ROOTS)
    assert not is_toolkit_frame("garbled frame", ROOTS)


def test_samples_count_for_their_innermost_frame():
    raw = "\n".join([
        # The toolkit calls Markdown: Markdown's time, not the toolkit's.
        "<module> (/venv/mkdocs/__main__.py:1);on_files (/repo/toolkit/mkdocs_adapter.py:80);"
        "convert (/venv/site-packages/markdown/core.py:374) 6",
        # Toolkit code running (a regex search it calls has no frame of its own).
        "<module> (/venv/mkdocs/__main__.py:1);on_files (/repo/toolkit/mkdocs_adapter.py:80);"
        "scan (/repo/toolkit/csp.py:70) 3",
        "<module> (/venv/mkdocs/__main__.py:1);build (/venv/mkdocs/commands/build.py:300) 1",
        "",
    ])
    result = attribute(raw, ROOTS)
    assert result["samples"] == 10
    assert result["toolkit_samples"] == 3
    assert result["share"] == 0.3
    assert result["busiest_toolkit_code"] == {"csp.py:scan": 3}
