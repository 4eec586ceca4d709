"""The glossary: tooltips for terms in page text, and where each term is used."""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable, Mapping

from .model import Term


def is_abbreviation(term: Term) -> bool:
    """Abbreviations (PSW, ImROC) match exactly; other terms match in any case."""
    return term.stands_for is not None


def tooltip(term: Term) -> str:
    """The text of a term's tooltip: what it stands for, then its definition."""
    text = f"{term.stands_for}: {term.definition}" if term.stands_for else term.definition
    return " ".join(text.split())


def forms(term: Term) -> list[str]:
    """How the term is written in text: abbreviations exactly; other terms also capitalised
    at the start of a sentence or in a title."""
    if is_abbreviation(term):
        return [term.term]
    text = term.term
    return list(dict.fromkeys([text, text[:1].upper() + text[1:], text.title()]))


def abbreviations(terms: Iterable[Term]) -> dict[str, str]:
    """Return the `abbr` extension's glossary: text as written -> tooltip."""
    out: dict[str, str] = {}
    for term in terms:
        for form in forms(term):
            out.setdefault(form, tooltip(term))
    return out


class Abbreviations(tuple):
    """The `abbr` glossary as sorted (text, tooltip) pairs: every piece of tool text is converted
    with it, and it is part of the key of each cached conversion, so its hash is worked out once
    (a plain tuple hashes all its pairs again on every lookup)."""

    def __hash__(self) -> int:
        cached = self.__dict__.get("hash")
        if cached is None:
            cached = self.__dict__["hash"] = tuple.__hash__(self)
        return cached


def abbreviation_pairs(terms: Iterable[Term]) -> Abbreviations:
    """The `abbr` glossary as :class:`Abbreviations`, the form tool rendering takes."""
    return Abbreviations(sorted(abbreviations(terms).items()))


def pattern(term: Term) -> re.Pattern[str]:
    """A regex finding the term (or, for search, any of its other forms) as whole words."""
    forms = tuple(sorted({term.term, *term.also}, key=len, reverse=True))
    return _whole_words(forms, 0 if is_abbreviation(term) else re.IGNORECASE)


@lru_cache(maxsize=4096)
def _whole_words(forms: tuple[str, ...], flags: int) -> re.Pattern[str]:
    # Cached: search asks for every term's pattern once per searchable entry (thousands).
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", flags)


_NOT_TEXT = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`[^`\n]+`|<[^>]*>|\]\([^)]*\)|\{[^}\n]*\}", re.M | re.S)
# (fenced and inline code are not running text either: abbreviations are not marked up there)


def usage(terms: Iterable[Term], pages: Mapping[str, tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Return term id -> [(page title, page src_uri)] of pages whose text uses the term.

    Longer terms win, as in the tooltips: "peer employment specialist" is not also a use of
    "employment specialist".
    """
    terms = list(terms)
    owner = {form: term.id for term in terms for form in forms(term)}
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True)) + r")(?![\w-])")
    found: dict[str, list[tuple[str, str]]] = {term.id: [] for term in terms}
    for uri, (title, text) in sorted(pages.items()):
        # Only running text counts: not tags and their attributes, link targets or attribute lists.
        for term_id in {owner[m.group(0)] for m in rx.finditer(_NOT_TEXT.sub(" ", text))}:
            found[term_id].append((title, uri))
    return {term_id: sorted(used, key=lambda p: p[0].lower()) for term_id, used in found.items()}


def page_title(src_uri: str, markdown: str) -> str:
    """The page's first level-one heading, else a title made from its file name."""
    match = re.search(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", markdown, re.M)
    if match:
        return match.group(1).strip()
    stem = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    if stem == "index":
        stem = src_uri.rsplit("/", 2)[-2] if "/" in src_uri else "Home"
    return stem.replace("-", " ").capitalize()


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def first_only(html: str) -> str:
    """Keep the tooltip on the first use of each term in a page; later uses read as plain text.

    Terms like "recovery" occur dozens of times on a page; a tooltip on every one is noise.
    """
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key in seen:
            return match.group(1)
        seen.add(key)
        return match.group(0)

    return _ABBR.sub(keep_first, html)
