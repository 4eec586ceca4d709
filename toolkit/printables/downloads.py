"""Which downloads the site offers, and making them once: cached by a hash of what goes in.

A download's key hashes its inputs (the tool data, the papers it cites, the site address) and the
code and stylesheets that make it, so a changed template or tool makes a new file and an ordinary
rebuild reuses the cache. Nothing here knows MkDocs: the adapter adds the bytes to the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from toolkit.content.catalog import Catalog
from toolkit.site.addresses import download_uri
from toolkit.site.related import related

KEY_CHARS = 20
PACKAGE = Path(__file__).resolve().parent.parent
#: Files whose change must remake every download.
CODE = [
    "printables/*.py",
    "templates/**/*.j2",
    "browser/**/*.css",
    "site/addresses.py",
    "site/markdown.py",
    "site/relink.py",
    "site/templating.py",
    "site/tools.py",
    "content/flows.py",
    "site/packs.py",
    "content/model.py",
    "content/kinds.py",
    "content/parts.py",
    "__init__.py",
]  # TOOLKIT_NAME


@dataclass(frozen=True)
class Download:
    """One file to offer: where it goes on the site, its link label, its key and how to make it."""

    owner: str  # "tool:<id>"
    uri: str
    label: str
    key: str
    make: Callable[[], bytes]


def code_fingerprint() -> str:
    """Hash the code, templates and stylesheets that make downloads, and the libraries' versions."""
    digest = hashlib.sha256()
    for pattern in CODE:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for lib in ("weasyprint", "python-docx", "Markdown", "pymdown-extensions"):
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{lib}={version(lib)}".encode())
    return digest.hexdigest()


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _tool_inputs(catalog: Catalog, tool_id: str) -> dict:
    tool = catalog.tool(tool_id).tool
    return {
        "tool": tool.model_dump(mode="json"),
        "paper": catalog.papers[tool.source.paper].model_dump(mode="json"),
        "related": [catalog.tool(r).tool.title for r in related(tool_id, catalog)],
    }


def plan(catalog: Catalog, *, site_url: str = "") -> list[Download]:
    """Return every download the site offers: a PDF and a Word file per tool."""
    code = code_fingerprint()
    out: list[Download] = []
    for tool_id in sorted(catalog.tools):
        entry = catalog.tool(tool_id)
        inputs = _tool_inputs(catalog, tool_id)

        # Imported only to make a file: python-docx (lxml) alone is about 0.1 s of every build's
        # start-up, and most builds take every file from the cache or make none.
        def make_pdf(entry=entry) -> bytes:
            from toolkit.printables import pdf

            return pdf.tool_pdf(entry, catalog, site_url=site_url)

        def make_docx(entry=entry) -> bytes:
            from toolkit.printables import docx

            return docx.tool_docx(entry, catalog, site_url=site_url)

        out.append(
            Download(
                f"tool:{tool_id}",
                download_uri(tool_id, "pdf"),
                "Download PDF",
                _key("pdf", code, site_url, inputs),
                make_pdf,
            )
        )
        out.append(
            Download(
                f"tool:{tool_id}",
                download_uri(tool_id, "docx"),
                "Download Word file",
                _key("docx", code, site_url, inputs),
                make_docx,
            )
        )
    # Print packs get no PDF: rendering each tool again inside eight packs (349 tool copies for
    # 75 tools) took about 4.6 times as long as all the tool PDFs; a pack page prints from the
    # browser as one document (cover, contents, tools, sources), which is what the packs are for.
    return out


class Cache:
    """Made files kept in a folder outside the site, one per download, named by its key."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, d: Download) -> Path:
        return self.folder / self._name(d, d.key[:KEY_CHARS])

    @staticmethod
    def _name(d: Download, key: str) -> str:
        stem, _, ext = d.uri.rpartition("/")[2].rpartition(".")
        return f"{stem}-{key}.{ext}"

    def get(self, d: Download) -> bytes | None:
        path = self._path(d)
        return path.read_bytes() if path.exists() else None

    def put(self, d: Download, data: bytes) -> None:
        """Store a made file, removing the versions of the same download it replaces."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stale = re.compile(re.escape(self._name(d, "@")).replace("@", f"[0-9a-f]{{{KEY_CHARS}}}"))
        for old in self.folder.iterdir():
            if stale.fullmatch(old.name):
                old.unlink()
        path = self._path(d)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)


@dataclass
class Result:
    """What a build got: site path -> bytes, and how many were made, reused or skipped."""

    files: dict[str, bytes]
    plan: list[Download] = field(default_factory=list)
    made: int = 0
    cached: int = 0
    skipped: int = 0


def build(downloads: list[Download], cache: Cache, *, make: bool = True) -> Result:
    """Return every download's bytes, from the cache or made now; with make=False only cached ones."""
    result = Result(files={}, plan=list(downloads))
    for d in downloads:
        data = cache.get(d)
        if data is not None:
            result.cached += 1
        elif make:
            data = d.make()
            cache.put(d, data)
            result.made += 1
        else:
            result.skipped += 1
            continue
        result.files[d.uri] = data
    return result


def links(downloads: list[Download], available: dict[str, bytes]) -> dict[str, list[tuple[str, str]]]:
    """Return owner -> [(label, site path)] of the downloads that exist, for the pages to link."""
    out: dict[str, list[tuple[str, str]]] = {}
    for d in downloads:
        if d.uri in available:
            out.setdefault(d.owner, []).append((d.label, d.uri))
    return out
