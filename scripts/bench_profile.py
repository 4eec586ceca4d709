"""Benchmark helper: profile a real `mkdocs build` and find the share of it spent in the toolkit.

Issue 5's budget: the time spent in toolkit/ and hooks/ is at most 10 % of the build, measured
with a profiler. The build is run as `python -m mkdocs build`, in a new process, under py-spy, a
sampling profiler that reads the process from outside (it adds no cost to each function call,
which would weigh on call-heavy code and tilt the share). Each sample is the stack of Python
frames at that moment; it counts for the toolkit when its innermost frame runs toolkit code: a
file of toolkit/ or of the project's hooks/, or a toolkit template (Jinja compiles templates to
Python code named after their .j2 file). Built-in functions such as a regular expression search
have no frame of their own, so their time counts for the code that called them. Time inside
the libraries the toolkit calls (Python-Markdown converting tool text, Jinja's runtime, YAML,
pydantic) is their time, as it would be if an author had written the same text in a Markdown page;
the clock measure in bench.py (`with_libraries`) reports the toolkit together with that work.

    python scripts/bench_profile.py CONFIG SITE_DIR    # prints the JSON result
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Samples a second: about 1,700 for a seven-second build.
RATE = 250
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*?)(?::(?P<line>\d+))?\)$")


def py_spy() -> str:
    """The py-spy executable beside this Python (the `bench` extra installs it)."""
    found = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not found:
        raise SystemExit("py-spy is missing: run `make bench` (it installs the bench extra)")
    return found


def owned_roots(config_file: Path) -> tuple[str, ...]:
    """Folders whose code is the toolkit's: the toolkit package and the project's hooks."""
    import toolkit

    return (str(Path(toolkit.__file__).resolve().parent) + os.sep,
            str(config_file.resolve().parent / "hooks") + os.sep)


def is_toolkit_frame(frame: str, roots: tuple[str, ...]) -> bool:
    """Whether one py-spy frame, `function (file:line)`, runs toolkit code."""
    match = _FRAME.match(frame)
    if not match:
        return False
    file = match.group("file")
    return file.endswith(".j2") or file.startswith(roots)


def attribute(raw: str, roots: tuple[str, ...]) -> dict:
    """Count py-spy's raw samples (`frame;frame;... count` per line) by who ran the innermost frame."""
    counts: Counter[str] = Counter()
    toolkit_functions: Counter[str] = Counter()
    for line in raw.splitlines():
        if not line.strip():
            continue
        stack, _, n = line.rpartition(" ")
        leaf = stack.rsplit(";", 1)[-1]
        if is_toolkit_frame(leaf, roots):
            counts["toolkit"] += int(n)
            match = _FRAME.match(leaf)
            toolkit_functions[f"{Path(match.group('file')).name}:{match.group('function')}"] += int(n)
        else:
            counts["other"] += int(n)
    total = counts["toolkit"] + counts["other"]
    if not total:
        raise SystemExit("py-spy recorded no samples")
    return {
        "samples": total,
        "toolkit_samples": counts["toolkit"],
        "share": round(counts["toolkit"] / total, 4),
        "busiest_toolkit_code": dict(toolkit_functions.most_common(8)),
    }


def profiled_build(config_file: Path, site_dir: Path, strict: bool = True) -> dict:
    """Run `python -m mkdocs build` on `config_file` under py-spy; return the toolkit's share."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        out = Path(tmp) / "samples.txt"
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "--site-dir", str(site_dir)]
        if strict:
            build.append("--strict")
        done = subprocess.run(
            [py_spy(), "record", "--rate", str(RATE), "--format", "raw", "--full-filenames",
             "--output", str(out), "--", *build],
            cwd=config_file.parent, capture_output=True, text=True,
        )
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"profiling the build failed:\n{done.stderr[-2000:]}")
        return attribute(out.read_text(encoding="utf-8"), owned_roots(config_file))


def main(argv: list[str] | None = None) -> int:
    config_file, site_dir = (Path(a) for a in (argv or sys.argv[1:]))
    print(json.dumps(profiled_build(config_file, site_dir), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
