"""SCORM 1.2 packages for learning platforms (Moodle, Totara and others): one per learning path.

Each package is the offline site (which needs no server and fetches nothing from outside itself)
under site/, a launch page that shows the path's page in a frame, and imsmanifest.xml naming one
SCO and every file. toolkit/browser/scorm/sco.js finds the platform's SCORM 1.2 run-time, calls
LMSInitialize, sets cmi.core.lesson_status to "incomplete" on a first visit and to "completed"
when the learner reaches the path's last step, and calls LMSFinish when the package closes.
Nothing else is sent: answers stay in the browser.

    python -m toolkit.engine.scorm build/offline-site build/scorm   (what `make scorm` runs)
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from toolkit.content.issue import ContentError, Issue
from toolkit.site.addresses import offline_page, path_uri
from toolkit.site.paths import LoadedPath, load_path, path_files, step_target

SCO_DIR = Path(__file__).resolve().parent.parent / "browser" / "scorm"
#: Files of the package besides the site: name in the package -> source.
SCO_FILES = {"scorm/sco.js": SCO_DIR / "sco.js", "scorm/launch.css": SCO_DIR / "launch.css"}
LAUNCH = "launch.html"
MANIFEST = "imsmanifest.xml"
SITE = "site"
#: Never packaged: the hosted site's copies of the offline zip and server files.
SKIP = {"lived-experience-toolkit-offline.zip", ".htaccess", "web.config"}


@dataclass
class Package:
    """What one learning path's package holds."""

    path_id: str
    title: str
    start: str  # the launch page's frame opens this (inside the package)
    end: str  # reaching this page completes the path
    files: list[str]  # every file of the package but the manifest, sorted


def plan(lp: LoadedPath, site_dir: Path, site_files: list[str]) -> Package:
    """Check that the path's first and last pages are in the offline site; return the package."""
    start = offline_page(path_uri(lp.path.id))
    last = len(lp.path.steps) - 1
    end = offline_page(step_target(lp.path.steps[last]))
    for name, line in ((start, lp.line("id")), (end, lp.line("steps", last))):
        if not (site_dir / name).is_file():
            raise ContentError(
                [Issue(lp.file, line, f"{site_dir / name} is not in the offline site; build it with `make offline`")]
            )
    files = sorted([LAUNCH, *SCO_FILES, *(f"{SITE}/{f}" for f in site_files)])
    return Package(lp.path.id, lp.path.title, f"{SITE}/{start}", f"{SITE}/{end}", files)


def launch_page(pkg: Package) -> str:
    """The SCO's launch page: the path in a frame, sco.js beside it. No inline code (the site's
    Content-Security-Policy allows none)."""
    title = html.escape(pkg.title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="scorm/launch.css">
<script src="scorm/sco.js" defer></script>
</head>
<body>
<iframe id="tk-sco-frame" title={quoteattr(pkg.title)} src={quoteattr(pkg.start)}
  data-end={quoteattr(pkg.end)}></iframe>
</body>
</html>
"""


def manifest(pkg: Package) -> str:
    """imsmanifest.xml for SCORM 1.2 (IMS Content Packaging 1.1.2 with ADL's adlcp namespace):
    one organization with one item, one SCO resource listing every file."""
    ident = f"lived-experience-toolkit-{pkg.path_id}"
    files = "\n".join(f"      <file href={quoteattr(f)}/>" for f in pkg.files)
    title = html.escape(pkg.title, quote=False)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(ident)} version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="toolkit">
    <organization identifier="toolkit">
      <title>{title}</title>
      <item identifier="path" identifierref="sco" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{files}
    </resource>
  </resources>
</manifest>
"""


def _entry(name: str) -> zipfile.ZipInfo:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    info = zipfile.ZipInfo(name, date_time=time.gmtime(max(epoch, 315532800))[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def site_zip(site_dir: Path, files: list[str], zip_path: Path) -> Path:
    """Zip the site once as site/...: every package starts as a copy of it (compressing the
    site is most of the work, and the same for every path)."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            zf.writestr(_entry(f"{SITE}/{rel}"), (site_dir / rel).read_bytes())
    return zip_path


def write_package(pkg: Package, base: Path, zip_path: Path) -> Path:
    """Write a package: the site's zip (site_zip) plus the manifest, launch page and SCO script;
    entries dated SOURCE_DATE_EPOCH, so two runs match byte for byte."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_name(zip_path.name + ".part")
    shutil.copyfile(base, tmp)
    made = {MANIFEST: manifest(pkg).encode("utf-8"), LAUNCH: launch_page(pkg).encode("utf-8")}
    made |= {name: source.read_bytes() for name, source in SCO_FILES.items()}
    with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in made.items():
            zf.writestr(_entry(name), data)
    tmp.replace(zip_path)
    return zip_path


def site_files(site_dir: Path) -> list[str]:
    """Every file of the offline site that goes into a package."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file() and p.name not in SKIP)


def build(site_dir: Path, out_dir: Path, docs: Path, root: Path | None = None) -> list[Path]:
    """Write out_dir/<path id>.zip for every learning path in docs/paths/."""
    root = root or Path.cwd()
    if not (site_dir / "index.html").is_file():
        raise ContentError([Issue(str(site_dir), 1, "no offline site here; build it with `make offline`")])
    if (site_dir / "index.html").read_text(encoding="utf-8").find("iframe-worker") < 0:
        raise ContentError(
            [
                Issue(
                    str(site_dir / "index.html"),
                    1,
                    "this is not the offline build (OFFLINE=true); packages need pages that work without a server",
                )
            ]
        )
    issues: list[Issue] = []
    packages = []
    files = site_files(site_dir)
    for file in path_files(docs):
        try:
            display = os.path.relpath(file, root)
            packages.append(plan(load_path(file, display), site_dir, files))
        except ContentError as exc:
            issues += exc.issues
    if issues:
        raise ContentError(issues)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        base = site_zip(site_dir, files, Path(tmp) / "site.zip")
        return [write_package(pkg, base, out_dir / f"{pkg.path_id}.zip") for pkg in packages]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m toolkit.engine.scorm", description="One SCORM 1.2 package per learning path."
    )
    p.add_argument("site", type=Path, help="the offline site (make offline: build/offline-site)")
    p.add_argument("out", type=Path, help="folder for the packages (make scorm: build/scorm)")
    p.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder with paths/ (default: docs)")
    args = p.parse_args(argv)
    try:
        written = build(args.site, args.out, args.docs)
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
