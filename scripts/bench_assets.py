"""Benchmark: the size of the toolkit's JavaScript and CSS as a browser downloads them (gzipped).

The budget (issue 3) is 15 KB gzipped for all toolkit JavaScript and CSS together. This is a
measurement written to JSON, not a test: `make bench` runs it. Other benchmark scripts can
call `measure_assets()` and merge its result into their own report.

    python scripts/bench_assets.py [--out build/bench/assets.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUDGET_BYTES = 15 * 1024


def measure_assets(budget: int = BUDGET_BYTES) -> dict:
    """Return raw and gzipped sizes of every shipped toolkit .js and .css file, and the total."""
    from toolkit.mkdocs_adapter import ASSETS, asset_bytes

    files = {}
    for uri in sorted(ASSETS):
        if not uri.endswith((".js", ".css")):
            continue
        data = asset_bytes(uri)
        files[uri] = {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, compresslevel=9, mtime=0))}
    total = sum(f["gzip_bytes"] for f in files.values())
    return {
        "name": "toolkit_assets_gzip",
        "unit": "bytes",
        "files": files,
        "total_bytes": sum(f["bytes"] for f in files.values()),
        "total_gzip_bytes": total,
        "budget_gzip_bytes": budget,
        "within_budget": total <= budget,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args(argv)
    result = measure_assets()
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    if not result["within_budget"]:
        print(f"over budget: {result['total_gzip_bytes']} > {result['budget_gzip_bytes']} bytes gzipped", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
