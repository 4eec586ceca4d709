"""The Lighthouse side-by-side measure (scripts/bench_lighthouse.py): reading a saved report,
the comparison with the default Material anchor, and the anchor site itself.

`make bench` runs Lighthouse; nothing here runs it or asserts a timing. The fixture is a real
Lighthouse 12.2.3 report of tools/recovery-challenges-action-plan/, cut to the audits read.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import bench_lighthouse as lh  # noqa: E402

REPORT = Path(__file__).parent / "fixtures" / "lighthouse" / "report.json"


def report() -> dict:
    return json.loads(REPORT.read_text(encoding="utf-8"))


def test_reads_score_and_metrics_from_a_saved_report():
    result = lh.page_result(report())
    assert result["score"] == 88
    assert (result["lcp_ms"], result["tbt_ms"], result["fcp_ms"], result["cls"]) == (2856, 208, 1956, 0.106)
    assert result["requests"]["total"] == [14, 343828]
    assert result["requests"]["script"][0] == 6
    assert "image" not in result["requests"]  # no requests of that type: left out
    assert result["failed_diagnostics"] == ["render-blocking-resources"]


def test_a_failed_run_is_an_error_not_a_score():
    failed = dict(report(), runtimeError={"code": "NO_FCP", "message": "The page did not paint"})
    with pytest.raises(ValueError, match="NO_FCP"):
        lh.page_result(failed)
    unscored = report()
    unscored["categories"]["performance"]["score"] = None
    with pytest.raises(ValueError, match="no performance score"):
        lh.page_result(unscored)


def run(score: int, lcp: int = 2000, tbt: int = 100) -> dict:
    return {"score": score, "lcp_ms": lcp, "tbt_ms": tbt, "fcp_ms": 1000, "speed_index_ms": 1000, "cls": 0.0}


def test_several_runs_give_the_median_of_each_number():
    result = lh.median_result([run(80, lcp=3000), run(95, lcp=1000, tbt=0), run(90, lcp=2000, tbt=300)])
    assert (result["score"], result["lcp_ms"], result["tbt_ms"]) == (90, 2000, 100)
    assert result["scores"] == [80, 95, 90]


def test_compares_every_toolkit_page_with_the_anchors_median_and_minimum():
    anchor = {"home": run(88), "tool": run(92), "guide": run(90)}
    below = lh.compare({"home": run(90), "tool": run(85)}, anchor)
    assert (below["anchor_median_score"], below["anchor_min_score"], below["toolkit_min_score"]) == (90, 88, 85)
    assert below["every_page_at_least_anchor_median"] is False
    assert below["every_page_at_least_anchor_min"] is False
    assert below["below_anchor_median"] == ["tool"]
    level = lh.compare({"home": run(90), "tool": run(99)}, anchor)
    assert level["every_page_at_least_anchor_median"] and level["every_page_at_least_anchor_min"]
    between = lh.compare({"home": run(89)}, anchor)
    assert not between["every_page_at_least_anchor_median"] and between["every_page_at_least_anchor_min"]


def test_summary_names_each_page_and_the_verdict():
    toolkit = {name: run(90) for name in lh.PAGES}
    anchor = {name: run(92) for name in lh.PAGES}
    result = {"lighthouse": "12.2.3", "runs_per_page": 1, "pages": toolkit, "anchor": {"pages": anchor},
              "comparison": lh.compare(toolkit, anchor)}
    text = "\n".join(lh.summary(result))
    assert all(f"  {name}: 90" in text for name in lh.PAGES)
    assert "median 92: no (" in text


def test_page_text_becomes_plain_markdown():
    html = ('<header><h1>Site</h1></header><article><h1 id="t">Before you <em>share</em>¶</h1>'
            '<p>Think &amp; plan.</p><button>Print</button><script>var x = 1</script>'
            '<ul><li>One *item*</li></ul><h2>Next</h2></article><footer><p>Footer</p></footer>')
    assert lh.page_markdown(html) == "# Before you share\n\nThink & plan.\n\n- One \\*item\\*\n\n## Next\n"


def test_anchor_is_a_default_material_site_with_the_same_text(tmp_path):
    site = tmp_path / "site"
    for name, path in lh.PAGES.items():
        (site / path).mkdir(parents=True, exist_ok=True)
        (site / path / "index.html").write_text(f"<article><h1>{name} title</h1><p>Text of {name}.</p></article>")
    anchor = lh.build_anchor(site, tmp_path / "anchor")
    assert (tmp_path / "anchor" / "mkdocs.yml").read_text() == "site_name: My Docs\ntheme:\n  name: material\n"
    for name, path in lh.anchor_paths().items():
        page = (anchor / path / "index.html").read_text(encoding="utf-8")
        assert f"Text of {name}." in page
        assert "assets/toolkit/" not in page
    assert (anchor / "search" / "search_index.json").is_file()  # Material's default search is on


def test_makefile_pins_the_same_lighthouse():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^LIGHTHOUSE_VERSION := (\S+)$", makefile, re.M)[1] == lh.LIGHTHOUSE_VERSION
    assert "scripts/bench_lighthouse.py --out bench/lighthouse.json" in makefile


@pytest.mark.parametrize("serving", sorted(lh.SERVING))
def test_both_sites_are_served_as_the_serving_says(tmp_path, serving):
    import gzip
    import urllib.request

    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>" + "words " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "index.json").write_text(json.dumps({"docs": ["word"] * 200}), encoding="utf-8")
    compress, _ = lh.SERVING[serving]
    with lh.serve(tmp_path, compress) as url:
        for path, name in (("page/", "index.html"), ("index.json", "index.json")):
            request = urllib.request.Request(f"{url}/{path}", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                body, encoding = response.read(), response.headers.get("Content-Encoding")
            source = (tmp_path / path.rstrip("/") / name if path.endswith("/") else tmp_path / name).read_bytes()
            if Path(name).suffix in compress:
                assert encoding == "gzip" and gzip.decompress(body) == source and len(body) < len(source)
            else:
                assert encoding is None and body == source
    # The verdict's serving gzips HTML and nothing else; the other compresses nothing.
    assert lh.SERVING["html-gzip"][0] == (".html",) and lh.SERVING["none"][0] == ()
