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

from toolkit.site.addresses import DOWNLOADS_DIR

VENDOR_DIR = Path(__file__).resolve().parent.parent / "browser" / "vendor"
#: Site path of the vendored shim; it must contain "iframe-worker" so the plugin adds no CDN URL.
SHIM_URI = "assets/toolkit/vendor/iframe-worker/shim.js"
SHIM_FILE = VENDOR_DIR / "iframe-worker" / "shim.js"
#: Folder name inside the zip, so unzipping makes one folder rather than scattering files.
ZIP_FOLDER = "lived-experience-toolkit"
#: The zip's file name, wherever it is: `make offline` writes build/<ZIP_NAME>, and the hosted
#: site offers it at <ZIP_URI>; README and docs/offline.md name it exactly.
ZIP_NAME = "lived-experience-toolkit-offline.zip"
ZIP_URI = f"{DOWNLOADS_DIR}/{ZIP_NAME}"
#: `make site` sets this to the zip `make offline` made; the hosted build then publishes it.
ZIP_ENV = "TOOLKIT_OFFLINE_ZIP"
#: Where a page (docs/offline.md) says how to get the zip: the download link with its size on
#: the hosted site, something true in the offline copy and in builds made without the zip.
MARKER = "<!-- toolkit:offline-zip -->"


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
        # An offline zip inside the site is never zipped again (the offline build has none).
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file() and p.name != ZIP_NAME):
            rel = path.relative_to(site_dir).as_posix()
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(zip_path)
    return zip_path


def zip_to_publish(offline_build: bool) -> Path | None:
    """The zip the hosted build publishes at ZIP_URI ($TOOLKIT_OFFLINE_ZIP), or None: never in
    the offline build itself, so the zip never holds a copy of itself."""
    value = os.environ.get(ZIP_ENV, "")
    if offline_build or not value:
        return None
    path = Path(value)
    if not path.is_file():
        raise FileNotFoundError(f"{value}:1: {ZIP_ENV} names no file; run `make offline` first (`make site` does)")
    return path


def human_size(size: int) -> str:
    """A file size as people read it: '840 KB', '12.3 MB'."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1000 / 1000:.1f} MB"


def download_text(size: int | None, offline_build: bool) -> str:
    """Markdown that replaces MARKER on a page at the root of docs/."""
    if offline_build:
        return (
            f"You are using the offline copy already. To pass it on, share the zip file it came in, "
            f"`{ZIP_NAME}`, or the whole `{ZIP_FOLDER}` folder."
        )
    if size is None:
        return (
            f"This copy of the site was published without the offline zip. Ask the team that runs it for "
            f"the file `{ZIP_NAME}`."
        )
    return (
        f"[Download the offline toolkit (ZIP file, {human_size(size)})]({ZIP_URI}){{: .md-button }}\n\n"
        f"The file is called `{ZIP_NAME}`. "
        f"Save it to your computer or a shared drive, unzip it (right-click it and choose "
        f'"Extract All" on Windows), and open `index.html` in the `{ZIP_FOLDER}` folder it makes.'
    )


def expand_marker(markdown: str, size: int | None, offline_build: bool) -> str:
    """Replace MARKER, if the page has it, with download_text."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, download_text(size, offline_build))


if __name__ == "__main__":  # python -m toolkit.site.offline SITE_DIR ZIP_PATH (used by `make offline`)
    import sys

    print(make_zip(Path(sys.argv[1]), Path(sys.argv[2])))
