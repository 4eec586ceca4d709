"""`make bench`: Lighthouse mobile performance of toolkit pages beside a default Material site's.

Issue 26: every page scores at least a default Material site's Lighthouse mobile performance,
measured side by side in one run. This builds the anchor, a plain `mkdocs new`-style site with
`theme: material` (search and all, nothing changed) whose pages hold the text of the measured
toolkit pages, serves both sites from this machine with the same plain HTTP server (gzipping
HTML only, as every common web server does as installed; see SERVING), and runs Lighthouse
(mobile preset, performance only) on each page, toolkit and anchor pages one after the other,
so both see the same load. It reports each page's score, Largest Contentful Paint and Total
Blocking Time, the anchor's median and minimum score, and whether every toolkit page scores at
least those; then the same again from a server that compresses nothing, reported beside it
("other_serving"). A measurement written to
JSON, never asserted in tests (tests/test_bench_lighthouse.py checks the report parsing).

Lighthouse comes from npm, pinned (LIGHTHOUSE_VERSION; 13 needs Node 22), installed by `make
lighthouse` into .cache/lighthouse/; Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium).

    python scripts/bench_lighthouse.py [--site SITE_DIR] [--out bench/lighthouse.json] [--runs 3]

Without --site it builds the site (without PDF and Word downloads) into a temporary folder.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    " --disable-component-update --disable-sync"
)

#: The measured toolkit pages (name -> path in the built site): the home page, the two tool pages
#: issue 26 measured, a tool people fill in, and a guide.
PAGES = {
    "home": "",
    "recovery-challenges-action-plan": "tools/recovery-challenges-action-plan/",
    "job-description-builder": "tools/job-description-and-person-specification/",
    "preparing-to-share": "tools/preparing-to-share/",
    "guide-career-pathway": "guides/career-pathway/",
}

#: Lighthouse audits reported for each page (name in the JSON -> audit id), in milliseconds
#: except CLS.
METRICS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "fcp_ms": "first-contentful-paint",
    "speed_index_ms": "speed-index",
    "cls": "cumulative-layout-shift",
}


# --- reading a report ---------------------------------------------------------------------------


def page_result(report: dict) -> dict:
    """The numbers issue 26 compares from one Lighthouse JSON report (lhr)."""
    if report.get("runtimeError"):
        raise ValueError(f"Lighthouse failed on {report.get('requestedUrl')}: {report['runtimeError']}")
    score = report["categories"]["performance"]["score"]
    if score is None:
        raise ValueError(f"Lighthouse gave no performance score for {report.get('requestedUrl')}")
    out: dict = {"score": round(score * 100)}
    for name, audit in METRICS.items():
        value = report["audits"][audit].get("numericValue")
        out[name] = None if value is None else (round(value, 3) if name == "cls" else round(value))
    summary = report["audits"].get("resource-summary", {}).get("details", {}).get("items", [])
    out["requests"] = {i["resourceType"]: [i["requestCount"], i["transferSize"]] for i in summary
                       if i.get("requestCount")}
    # Diagnostics that failed (Lighthouse 12.2's trace engine and a newer Chromium disagree on
    # screenshot events): the metrics above do not depend on them.
    failed = sorted(k for k, a in report["audits"].items() if a.get("scoreDisplayMode") == "error")
    if failed:
        out["failed_diagnostics"] = failed
    return out


def median_result(runs: list[dict]) -> dict:
    """One page's result over several runs: the median of each number, the rest from the median-score run."""
    ordered = sorted(runs, key=lambda r: r["score"])
    out = dict(ordered[len(ordered) // 2])
    out.pop("failed_diagnostics", None)
    for name in ("score", *METRICS):
        values = [r[name] for r in runs if r.get(name) is not None]
        if values:
            out[name] = statistics.median(values)
    if len(runs) > 1:
        out["scores"] = [r["score"] for r in runs]
    return out


def compare(toolkit: dict[str, dict], anchor: dict[str, dict]) -> dict:
    """Whether every toolkit page scores at least the anchor's median and minimum score."""
    scores = [r["score"] for r in anchor.values()]
    median, lowest = statistics.median(scores), min(scores)
    return {
        "anchor_median_score": median,
        "anchor_min_score": lowest,
        "anchor_median_lcp_ms": statistics.median(r["lcp_ms"] for r in anchor.values()),
        "anchor_median_tbt_ms": statistics.median(r["tbt_ms"] for r in anchor.values()),
        "toolkit_min_score": min(r["score"] for r in toolkit.values()),
        "every_page_at_least_anchor_median": all(r["score"] >= median for r in toolkit.values()),
        "every_page_at_least_anchor_min": all(r["score"] >= lowest for r in toolkit.values()),
        "below_anchor_median": sorted(n for n, r in toolkit.items() if r["score"] < median),
    }


# --- the anchor: a default Material site with the same text ------------------------------------


class _Text(HTMLParser):
    """The text of a built page's article as plain Markdown: headings, paragraphs, list items."""

    BLOCKS = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "#### ", "p": "", "li": "- ", "dt": "", "dd": "",
              "td": "", "th": "", "label": "", "summary": "", "legend": ""}
    SKIP = {"script", "style", "template", "button", "svg", "noscript"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>
        self.skip = 0
        self.lines: list[str] = []
        self.current: list[str] | None = None
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS and not self.skip:
            self._flush()
            self.current, self.prefix = [], self.BLOCKS[tag]

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self._flush()
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and self.current is not None:
            self.current.append(data)

    def _flush(self) -> None:
        if self.current is not None:
            text = " ".join("".join(self.current).split()).replace("¶", "").strip()
            if text:
                self.lines.append(self.prefix + _escape(text))
        self.current = None


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", html.unescape(text))


def page_markdown(page_html: str) -> str:
    """The text of a built toolkit page's article, as Markdown a default site would hold."""
    parser = _Text()
    parser.feed(page_html)
    parser._flush()
    lines = parser.lines
    if not lines or not lines[0].startswith("# "):
        lines.insert(0, "# Page")
    return "\n\n".join(lines) + "\n"


def build_anchor(site: Path, folder: Path) -> Path:
    """A default Material site (`mkdocs new`, `theme: material`) whose pages hold the measured
    toolkit pages' text, built into folder/site; returns the site folder."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    for name, path in PAGES.items():
        text = page_markdown((site / path / "index.html").read_text(encoding="utf-8"))
        (docs / ("index.md" if path == "" else f"{name}.md")).write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: My Docs\ntheme:\n  name: material\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml"),
                    "-d", str(folder / "site")], check=True, env=env, capture_output=True)
    return folder / "site"


def anchor_paths() -> dict[str, str]:
    """The anchor's page for each measured toolkit page (MkDocs' directory URLs)."""
    return {name: "" if path == "" else f"{name}/" for name, path in PAGES.items()}


# --- running ------------------------------------------------------------------------------------


#: How the two sites are served, both alike (name -> what is gzipped, what it stands for). Every
#: common web server gzips HTML as installed (nginx as Debian ships it gzips text/html only;
#: Apache's and IIS's defaults also CSS and JavaScript); none of them gzips JSON as installed.
#: "html-gzip" is that least default, and the verdict; "none" is a server that compresses
#: nothing (python -m http.server, some intranet servers), reported beside it.
SERVING = {
    "html-gzip": ((".html",), "HTML gzipped, CSS, JavaScript and JSON as they are (nginx as Debian installs it)"),
    "none": ((), "nothing compressed (python -m http.server)"),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Python's file server, quiet, gzipping the files whose suffix is in `compress` when asked."""

    compress: tuple[str, ...] = ()

    def log_message(self, *args) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        asked = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix not in self.compress or not path.is_file() or not asked:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, compress: tuple[str, ...] = ()) -> Iterator[str]:
    handler = functools.partial(type("_Served", (_Quiet,), {"compress": compress}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def lighthouse_command() -> list[str]:
    """The pinned Lighthouse from .cache/lighthouse, or a SystemExit saying how to install it."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is not installed: run `make lighthouse` (npm, {LIGHTHOUSE_VERSION})")
    return [str(LIGHTHOUSE)]


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile preset, performance only) on `url`; the report's numbers."""
    env = dict(os.environ)
    env.setdefault("CHROME_PATH", "/usr/bin/chromium")
    args = [*lighthouse_command(), url, "--only-categories=performance", "--output=json",
            f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse {url} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return page_result(json.loads(out.read_text(encoding="utf-8")))


def measure(site: Path, runs: int = 3, work: Path | None = None, serving: str = "html-gzip") -> dict:
    """Lighthouse on each toolkit page and its anchor page, alternately, `runs` times each, both
    sites served as SERVING[serving] says."""
    compress, served = SERVING[serving]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = work or Path(tmp)
        anchor = build_anchor(site, work / "anchor")
        raw: dict[str, dict[str, list[dict]]] = {"toolkit": {}, "anchor": {}}
        warnings: set[str] = set()
        failed: set[str] = set()
        with serve(site, compress) as toolkit_url, serve(anchor, compress) as anchor_url:
            for run in range(runs):
                for name, path in PAGES.items():
                    pair = (("toolkit", f"{toolkit_url}/{path}"), ("anchor", f"{anchor_url}/{anchor_paths()[name]}"))
                    for side, url in pair:
                        report = work / f"{side}-{name}-{run}.json"
                        raw[side].setdefault(name, []).append(run_lighthouse(url, report))
                        failed.update(raw[side][name][-1].get("failed_diagnostics", []))
                        warnings.update(json.loads(report.read_text(encoding="utf-8")).get("runWarnings", []))
                        score = raw[side][name][-1]["score"]
                        print(f"  {serving}: {side} {name} run {run + 1}: {score}", file=sys.stderr)
        toolkit = {n: median_result(r) for n, r in raw["toolkit"].items()}
        anchor_results = {n: median_result(r) for n, r in raw["anchor"].items()}
        version = json.loads(report.read_text(encoding="utf-8"))["lighthouseVersion"]
    return {
        "name": "lighthouse_mobile_performance",
        "lighthouse": version,
        "preset": "mobile (Lighthouse default: simulated slow 4G, 4x CPU slowdown)",
        "chromium": _chromium_version(),
        "chrome_flags": CHROME_FLAGS,
        "runs_per_page": runs,
        "served_by": f"Python http.server on localhost, both sites alike: {served}",
        "serving": serving,
        "pages": {n: dict(r, path=PAGES[n]) for n, r in toolkit.items()},
        "anchor": {
            "what": "mkdocs new + theme: material (default search plugin), pages holding the same text",
            "pages": {n: dict(r, path=anchor_paths()[n]) for n, r in anchor_results.items()},
        },
        "comparison": compare(toolkit, anchor_results),
        "warnings": sorted(warnings),
        "failed_diagnostics": sorted(failed),
    }


def _chromium_version() -> str:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    done = subprocess.run([chrome, "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def summary(result: dict) -> list[str]:
    c = result["comparison"]
    lines = [f"Lighthouse {result['lighthouse']} mobile performance (median of {result['runs_per_page']} runs, "
             f"{result.get('serving', 'none')}): page toolkit / default Material anchor (score, LCP, TBT)"]
    for name, r in result["pages"].items():
        a = result["anchor"]["pages"][name]
        lines.append(f"  {name}: {r['score']:g} LCP {r['lcp_ms'] / 1000:.1f} s TBT {r['tbt_ms']:g} ms"
                     f" / {a['score']:g} LCP {a['lcp_ms'] / 1000:.1f} s TBT {a['tbt_ms']:g} ms")
    verdict = "yes" if c["every_page_at_least_anchor_median"] else f"no ({', '.join(c['below_anchor_median'])})"
    lines.append(f"every toolkit page >= the anchor's median {c['anchor_median_score']:g}: {verdict}; "
                 f">= its minimum {c['anchor_min_score']:g}: {'yes' if c['every_page_at_least_anchor_min'] else 'no'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "lighthouse.json")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    args = parser.parse_args(argv)
    lighthouse_command()
    if shutil.which(os.environ.get("CHROME_PATH", "/usr/bin/chromium")) is None:
        raise SystemExit("Chromium is missing: set CHROME_PATH or run `make chromium`")
    sys.path.insert(0, str(ROOT))
    from bench_assets import build_site_without_downloads  # scripts/, beside this file
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        site = args.site or build_site_without_downloads(Path(tmp) / "site")
        result = measure(site, runs=args.runs)
        # The same pages from a server that compresses nothing: reported, not the verdict.
        plain = measure(site, runs=args.runs, serving="none")
    keep = ("served_by", "pages", "anchor", "comparison")
    result["other_serving"] = {"none": {k: plain[k] for k in keep}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("\n".join(summary(result)))
    print("\n".join(summary(plain)))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
