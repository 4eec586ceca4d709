"""Scale benchmark: a synthetic content set of 1,000 tools and 300 pages.

Generates the content in a scratch copy of the project, then measures `toolkit validate`,
a strict build, the output size, the search index, and how long a search takes in headless
Chromium on the built site. Writes JSON (default bench/scale.json). Not a test: run it with
`make bench`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("recovery support hope team practice supervision experience sharing colleague service "
         "training culture wellbeing role person plan review reflect decide listen").split()


def synthetic_tool(i: int) -> str:
    kind = ("checklist", "reflection")[i % 2]
    items = "".join(
        f"  - id: item-{j}\n    text: {WORDS[(i + j) % len(WORDS)].capitalize()} {' '.join(WORDS[(i * j + k) % len(WORDS)] for k in range(9))} number {i}-{j}.\n"
        for j in range(8)
    )
    return (f"id: synthetic-{i:04d}\nkind: {kind}\ntitle: Synthetic tool {i}\nsummary: Benchmark tool {i}.\n"
            f"audiences: [practitioner]\nsource: {{paper: imroc-20, section: Preparation}}\nversion: 1\nitems:\n{items}")


def synthetic_page(i: int) -> str:
    body = "\n\n".join(" ".join(WORDS[(i + k * 7 + n) % len(WORDS)] for n in range(60)) + "." for k in range(6))
    return f"# Synthetic page {i}\n\n{body}\n\nSee [tool {i}](../tools/synthetic-{i:04d}.md).\n"


def make_project(dest: Path, tools: int, pages: int) -> None:
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", dest / "docs")
    (dest / "docs" / "tools" / "synthetic").mkdir(parents=True)
    for i in range(tools):
        (dest / "docs" / "tools" / "synthetic" / f"synthetic-{i:04d}.yml").write_text(synthetic_tool(i))
    (dest / "docs" / "synthetic").mkdir()
    for i in range(pages):
        (dest / "docs" / "synthetic" / f"page-{i:03d}.md").write_text(synthetic_page(i))


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return round(time.perf_counter() - start, 2)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def search_time(site: Path, query: str) -> float | None:
    """Seconds from typing a query to the first result in headless Chromium, or None."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.keyboard.press("/")  # Material's shortcut: open and focus search
            page.wait_for_timeout(3000)  # let the worker build the index
            start = time.perf_counter()
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            elapsed = time.perf_counter() - start
            browser.close()
            return round(elapsed, 3)
    finally:
        server.shutdown()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tools", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--out", default=str(ROOT / "bench" / "scale.json"))
    args = ap.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, args.tools, args.pages)
        result = {
            "tools": args.tools,
            "pages": args.pages,
            "validate_seconds": timed([str(bin_dir / "toolkit"), "validate"], project),
            "build_seconds": timed([str(bin_dir / "toolkit"), "build", "--out", "site"], project),
        }
        site = project / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        result["site_bytes"] = sum(p.stat().st_size for p in files)
        result["html_pages"] = sum(1 for p in files if p.suffix == ".html")
        result["search_index_bytes"] = (site / "search" / "search_index.json").stat().st_size
        result["search_seconds"] = search_time(site, "supervision")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
