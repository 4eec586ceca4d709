"""The offline build: a site that works unzipped from file://, and its zip.

Material's `offline` plugin inlines the search index for file:// and adds the iframe-worker
shim (Chromium cannot start a Web Worker from file://), but from unpkg.com. Here the shim
comes from the copy vendored in toolkit/browser/vendor, and instant navigation (which needs
a server) is switched off.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent.parent / "browser" / "vendor"
#: Site path of the vendored shim; it must contain "iframe-worker" so the plugin adds no CDN URL.
SHIM_URI = "assets/toolkit/vendor/iframe-worker/shim.js"
SHIM_FILE = VENDOR_DIR / "iframe-worker" / "shim.js"
#: Folder name inside the zip, so unzipping makes one folder rather than scattering files.
ZIP_FOLDER = "lived-experience-toolkit"


def prepare(extra: dict, features: list[str]) -> None:
    """Point the polyfills at the vendored shim and switch off instant navigation, in place."""
    polyfills = [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p)]
    extra["polyfills"] = [*polyfills, SHIM_URI]
    features[:] = [f for f in features if not f.startswith("navigation.instant")]


def make_zip(site_dir: Path, zip_path: Path, folder: str = ZIP_FOLDER) -> Path:
    """Zip site_dir as folder/..., entries sorted and dated SOURCE_DATE_EPOCH (or 1980)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(site_dir).as_posix()
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(zip_path)
    return zip_path


if __name__ == "__main__":  # python -m toolkit.engine.offline SITE_DIR ZIP_PATH (used by `make offline`)
    import sys

    print(make_zip(Path(sys.argv[1]), Path(sys.argv[2])))
