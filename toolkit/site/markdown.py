"""Author Markdown in tool text -> HTML, with glossary terms marked as <abbr>.

Tool text (summaries, items, hints, guidance) is converted here, once per text, and reaches the
engine as HTML inside the page's Markdown. The dialect is Python-Markdown with smarty and abbr.
"""

from __future__ import annotations

import re
from functools import lru_cache
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
    engine = _engine(abbrs)
    engine.reset()
    return Markup(engine.convert(text.strip()))


def md_inline(text: str | None, abbrs: Abbrs = ()) -> Markup:
    """Render one line of author Markdown without the surrounding paragraph."""
    html = str(md_block(text, abbrs))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
