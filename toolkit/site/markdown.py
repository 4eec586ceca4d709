"""Author Markdown in tool text -> HTML, with glossary terms marked as <abbr>.

Tool text (summaries, items, hints, guidance) is converted here, once per text, and reaches the
engine as HTML inside the page's Markdown. The dialect is Python-Markdown with smarty and abbr.

Converted text is kept between builds in one file under `.cache/markdown` (TOOLKIT_MARKDOWN_CACHE
moves it; "0" keeps nothing), so a second build converts only text that changed: see
:class:`ConvertedCache`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markupsafe import Markup

Abbrs = tuple[tuple[str, str], ...]


@lru_cache(maxsize=64)
def _abbr_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # The abbr extension's own pattern (longest terms first), compiled once per glossary.
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(term) for term in ordered)})\\b")


class _GlossaryTerms(AbbrTreeprocessor):
    """Python-Markdown's abbr tree processor without recompiling its pattern of every glossary
    term for each text: tool texts are converted one by one, thousands per build."""

    def run(self, root: Any) -> None:
        if self.abbrs:
            self.RE = _abbr_pattern(tuple(self.abbrs))
            self.iter_element(root)


class Glossary(AbbrExtension):
    """The abbr extension with a glossary, its pattern compiled once (see _GlossaryTerms)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_GlossaryTerms(md, self.abbrs), "abbr", 7)  # type: ignore[attr-defined]


@lru_cache(maxsize=8)
def _engine(abbrs: Abbrs) -> markdown.Markdown:
    extensions: list = ["smarty"]
    if abbrs:
        extensions.append(Glossary(glossary=dict(abbrs)))
    return markdown.Markdown(extensions=extensions, output_format="html")


def md_block(text: str | None, abbrs: Abbrs = ()) -> Markup:
    """Render author Markdown (paragraphs, lists, emphasis) to HTML, marking glossary terms."""
    if not text:
        return Markup("")
    return _converted(text, abbrs)


@lru_cache(maxsize=32768)
def _converted(text: str, abbrs: Abbrs) -> Markup:
    # Cached: the same tool text is rendered for its own page, every page that embeds it,
    # print packs and search; Markdown with the glossary's abbreviations is the costly part.
    text = text.strip()
    key = _entry_key(text, abbrs)
    html = CACHE.get(key)
    if html is None:
        html = convert_now(text, abbrs)
        CACHE.put(key, html)
    return Markup(html)


def convert_now(text: str, abbrs: Abbrs = ()) -> str:
    """Convert author Markdown with Python-Markdown, no cache (what a kept entry must equal)."""
    engine = _engine(abbrs)
    engine.reset()
    return engine.convert(text.strip())


def md_inline(text: str | None, abbrs: Abbrs = ()) -> Markup:
    """Render one line of author Markdown without the surrounding paragraph."""
    html = str(md_block(text, abbrs))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


# --- converted text kept between builds ------------------------------------------------------


def _converter_versions() -> str:
    """Everything besides the text and glossary that decides the HTML: the Markdown library and
    pymdown-extensions versions, this Python's minor version, and this module's own code (the
    glossary extension). A change to any of them names a new cache file."""
    own = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    parts = [
        f"markdown {version('markdown')}",
        f"pymdown-extensions {version('pymdown-extensions')}",
        f"python {sys.version_info[0]}.{sys.version_info[1]}",
        f"toolkit.site.markdown {own}",
    ]
    return "; ".join(parts)


@lru_cache(maxsize=8)
def _abbrs_digest(abbrs: Abbrs) -> str:
    return hashlib.sha256(json.dumps(abbrs, ensure_ascii=False).encode("utf-8")).hexdigest()


def _entry_key(text: str, abbrs: Abbrs) -> str:
    """A kept entry's name: a hash of the glossary and the (stripped) text."""
    return hashlib.sha256(f"{_abbrs_digest(abbrs)}\n{text}".encode()).hexdigest()[:32]


class ConvertedCache:
    """Converted tool text kept in one file between builds: `<hash of the converter's versions>.json`
    in `folder`, so a new Markdown, pymdown-extensions or glossary extension is a new file and an
    old one is never read. Each entry is named by a hash of its text and glossary (_entry_key).

    The file starts with a line holding the SHA-256 of the rest: a file that does not match, does
    not parse or holds anything but text for text is ignored as a whole (the text is converted
    again), so a damaged file cannot change a page. It is written to a temporary name and renamed,
    so a reader never sees half a file; a folder that cannot be written only makes builds slower.
    """

    MAGIC = "toolkit-markdown-cache 1"

    def __init__(self, folder: Path | None, versions: str) -> None:
        self.folder = folder  # None: keep nothing between builds
        folder = folder or Path()
        self.path = folder / (hashlib.sha256(versions.encode("utf-8")).hexdigest()[:32] + ".json")
        self._kept: dict[str, str] | None = None  # read on first use
        self._used: set[str] = set()
        self._new: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        if self._kept is None:
            self._kept = self._read()
        return self._kept

    def _read(self) -> dict[str, str]:
        if self.folder is None:
            return {}
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        head, _, body = raw.partition(b"\n")
        try:
            magic, digest = head.decode("ascii").rsplit(" ", 1)
            if magic != self.MAGIC or hashlib.sha256(body).hexdigest() != digest:
                return {}
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            return {}
        return data

    def get(self, key: str) -> str | None:
        """The kept HTML for `key`, or None."""
        found = self._new.get(key)
        if found is None:
            found = self._load().get(key)
        if found is not None:
            self._used.add(key)
        return found

    def put(self, key: str, html: str) -> None:
        """Keep newly converted HTML (written by :meth:`save`)."""
        self._new[key] = html
        self._used.add(key)

    def save(self, prune: bool = False) -> None:
        """Write the file if anything is new. `prune` (after a whole build): leave out the entries
        this process did not use, once they outnumber the ones it did (text since edited away)."""
        kept = self._load()
        unused = [k for k in kept if k not in self._used]
        drop = prune and len(unused) > len(self._used)
        if self.folder is None or (not self._new and not drop):
            return
        out = {k: v for k, v in kept.items() if not drop or k in self._used}
        out.update(self._new)
        body = json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        data = f"{self.MAGIC} {hashlib.sha256(body).hexdigest()}\n".encode("ascii") + body
        try:  # best effort, as the minified-file cache
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(self.path)
        except OSError:
            return
        self._kept = out
        self._new = {}


def _cache_folder() -> Path | None:
    """Where converted text is kept: .cache/markdown beside the toolkit package (as .cache/minified),
    or TOOLKIT_MARKDOWN_CACHE; "0" keeps none (scripts/bench.py times builds without it)."""
    setting = os.environ.get("TOOLKIT_MARKDOWN_CACHE")
    if setting == "0":
        return None
    return Path(setting) if setting else Path(__file__).resolve().parent.parent.parent / ".cache" / "markdown"


CACHE = ConvertedCache(_cache_folder(), _converter_versions())


def save_converted(prune: bool = False) -> None:
    """Keep this process's newly converted text for the next build (see ConvertedCache.save)."""
    CACHE.save(prune=prune)
