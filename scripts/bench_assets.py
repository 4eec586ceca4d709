"""Benchmark: the toolkit's JavaScript and CSS each page loads, as a browser downloads them (gzipped).

The budget (issue 5) is 15 KB gzipped of toolkit JavaScript and CSS per page. Every page loads
the core (assets/toolkit/toolkit.css and toolkit.js) and only the pages that need them load the
rest (toolkit/bundle.py: a kind's script where a tool of that kind is, the print view on tool and
pack pages, the finder on the tool list). This reads every page of a built site, adds up the
gzipped size of each toolkit file it links, and reports the heaviest page against the budget.
A measurement written to JSON, not a timing: `make bench` runs it, and
tests/test_browser_layer.py checks the real site stays within the budget.

    python scripts/bench_assets.py [--site SITE_DIR] [--out bench/assets.json]

Without --site it builds the site (without PDF and Word downloads) into a temporary folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import posixpath
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.site.addresses import FOOTER_DIR  # noqa: E402

BUDGET_BYTES = 15 * 1024
_LINKED = re.compile(r'<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]*assets/toolkit/[^"]+\.(?:js|css))"')


def file_sizes() -> dict[str, dict[str, int]]:
    """Raw and gzipped bytes of every shipped toolkit .js and .css file (toolkit/bundle.py ASSETS)."""
    from toolkit.browser.bundle import ASSETS, asset_bytes

    files = {}
    for uri in sorted(ASSETS):
        if uri.endswith((".js", ".css")):
            data = asset_bytes(uri)
            files[uri] = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=9, mtime=0))}
    return files


#: The theme's own inline scripts (toolkit/engine/theme/main.html: the search index held until
#: search opens, which loads the query rewrite). The budget counts the files a page links, as it
#: was set; these are reported beside it, so what every page really carries is seen.
_THEME = ROOT / "toolkit" / "engine" / "theme" / "main.html"


def inline_scripts() -> list[str]:
    """The bodies of the theme's inline <script> elements (the toolkit's own, not Material's)."""
    return re.findall(r"<script>(.*?)</script>", _THEME.read_text(encoding="utf-8"), re.S)


def page_assets(site: Path) -> dict[str, list[str]]:
    """Each page of a built site (its path) -> the toolkit files it links, as site paths."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8", errors="replace")
        linked = {posixpath.normpath(posixpath.join(posixpath.dirname(rel), href)).lstrip("/") for href in _LINKED.findall(html)}
        out[rel] = sorted(linked)
    return out


def measure_assets(site: Path | None = None, budget: int = BUDGET_BYTES) -> dict:
    """Return each shipped file's size and the toolkit JS+CSS of every page of `site`; the heaviest against the budget."""
    if site is None:
        with tempfile.TemporaryDirectory() as tmp:
            return measure_assets(build_site_without_downloads(Path(tmp) / "site"), budget)
    files = file_sizes()
    sizes = dict(files)  # and the small files made for one page each (print footers), read from the site
    pages = {}
    for rel, uris in page_assets(site).items():
        if not uris:  # a redirect stub: no toolkit assets
            continue
        for u in uris:
            if u not in sizes and u.startswith(FOOTER_DIR) and (site / u).is_file():
                data = (site / u).read_bytes()
                sizes[u] = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=9, mtime=0))}
        unknown = [u for u in uris if u not in sizes]
        if unknown:
            raise SystemExit(f"{rel} links {unknown}, which toolkit/bundle.py does not ship")
        pages[rel] = {"assets": uris, "gzip_bytes": sum(sizes[u]["gzip_bytes"] for u in uris)}
    heaviest = max(pages, key=lambda p: pages[p]["gzip_bytes"])
    biggest = pages[heaviest]["gzip_bytes"]
    inline = "".join(inline_scripts()).encode("utf-8")
    inline_gzip = len(gzip.compress(inline, compresslevel=9, mtime=0))
    return {
        "name": "toolkit_assets_gzip_per_page",
        "unit": "bytes",
        "files": files,
        "pages": len(pages),
        "max_page": heaviest,
        "max_page_assets": pages[heaviest]["assets"],
        "max_page_gzip_bytes": biggest,
        "by_assets": _by_assets(pages),
        "total_gzip_bytes": sum(f["gzip_bytes"] for f in files.values()),  # every file, no page loads all
        # Loaded when first used (the Word writer, "Print my document", the combined sheet, the
        # contact check), never linked: not in any page's weight, listed here so their size is seen.
        "on_demand_gzip_bytes": {u: files[u]["gzip_bytes"] for u in _on_demand() if u in files},
        "inline_scripts_gzip_bytes": inline_gzip,  # on every page, outside the budget (see inline_scripts)
        "max_page_with_inline_gzip_bytes": biggest + inline_gzip,
        "budget_gzip_bytes": budget,
        "within_budget": biggest <= budget,
    }


def _on_demand() -> tuple[str, ...]:
    from toolkit.browser.bundle import ON_DEMAND

    return ON_DEMAND


def _by_assets(pages: dict) -> list[dict]:
    """The sets of files pages load, heaviest first, with how many pages load each and an example."""
    groups: dict[tuple, list[str]] = {}
    for rel, p in pages.items():
        groups.setdefault(tuple(p["assets"]), []).append(rel)
    rows = [{"gzip_bytes": pages[rels[0]]["gzip_bytes"], "pages": len(rels), "example": rels[0], "assets": list(key)}
            for key, rels in groups.items()]
    return sorted(rows, key=lambda r: -r["gzip_bytes"])


def build_site_without_downloads(site: Path) -> Path:
    """Build the site into `site` as the benches measure it (no PDF or Word downloads)."""
    from toolkit.engine.mkdocs_adapter import build

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["TOOLKIT_DOWNLOADS"] = "0"  # the pages are the same; downloads only add links
    build(ROOT / "mkdocs.yml", site)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)
    result = measure_assets(args.site)
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    if not result["within_budget"]:
        print(f"over budget: {result['max_page']} loads {result['max_page_gzip_bytes']} bytes gzipped"
              f" > {result['budget_gzip_bytes']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
