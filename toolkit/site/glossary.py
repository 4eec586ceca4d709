"""The glossary: tooltips for terms in page text, and where each term is used."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from toolkit.content.model import Term


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


def mentions(term: Term, text: str, lower: str | None = None) -> bool:
    """Whether `text` mentions any form of `term` (`term` or one of `also`) as whole words:
    abbreviations in their own case, other terms in any case.

    Whole words: not inside a longer word, nor joined to one by a hyphen or underscore
    ("co-production" is no use of "production"); the glossary page's "used in" links count
    uses by the same rule (`usage`). `lower` is `text.lower()` when the caller has it already.
    Plain string search: a regex per term and text was most of the cost of the search index.
    """
    if is_abbreviation(term):
        return any(_whole(form, text) for form in (term.term, *term.also))
    lower = text.lower() if lower is None else lower
    return any(_whole(form.lower(), lower) for form in (term.term, *term.also))


def _spans(form: str, text: str) -> Iterator[tuple[int, int]]:
    """Where `form` occurs in `text` as whole words: (start, end) of each occurrence."""
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        if not (start and _joins(text[start - 1])) and not (end < len(text) and _joins(text[end])):
            yield start, end
        start = text.find(form, start + 1)


def _whole(form: str, text: str) -> bool:
    return next(_spans(form, text), None) is not None


def _joins(char: str) -> bool:
    """Whether a character next to a term makes it part of a longer word."""
    return char.isalnum() or char in "_-"


#: A word, as the term index sees it (letters, digits and underscores, as `_joins` joins them).
_WORD = re.compile(r"\w+")


class TermIndex:
    """The glossary's terms by the first word of each of their forms, lower-cased.

    A term is mentioned only where the first word of one of its forms is a word of the text
    (terms match as whole words), so one set lookup per word of the text picks the few terms
    worth a string search. Build it once per glossary and pass it to whatever searches.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        self._by_word: dict[str, list[int]] = {}
        self._always: list[int] = []  # forms that do not start with a word character
        for i, term in enumerate(self.terms):
            firsts = {_WORD.match(form.lower()) for form in (term.term, *term.also)}
            if None in firsts:
                self._always.append(i)
            for first in {m.group(0) for m in firsts if m}:
                self._by_word.setdefault(first, []).append(i)

    def candidates(self, lower: str) -> list[Term]:
        """The terms that `lower` (lower-cased text) may mention, in glossary order."""
        found = set(self._always)
        for word in self._by_word.keys() & set(_WORD.findall(lower)):
            found.update(self._by_word[word])
        return [self.terms[i] for i in sorted(found)]

    def mentioned(self, text: str, lower: str | None = None) -> list[Term]:
        """The terms `text` mentions (see `mentions`), in glossary order (`lower`: `text.lower()`
        when the caller has it)."""
        lower = text.lower() if lower is None else lower
        return [t for t in self.candidates(lower) if mentions(t, text, lower)]


_NOT_TEXT = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`[^`\n]+`|<[^>]*>|\]\([^)]*\)|\{[^}\n]*\}", re.M | re.S)
# (fenced and inline code are not running text either: abbreviations are not marked up there)


_NOT_MARKED = re.compile(
    r"^#{1,6}[ \t][^\n]*$|^[^\n]+\n[=-]{3,}[ \t]*$"  # headings, ATX and Setext
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"  # links and images
    r"|<(h[1-6]|a|button|summary)\b[^>]*>.*?</\1>",  # the same in HTML
    re.M | re.S,
)


def usage(terms: Iterable[Term], pages: Mapping[str, tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Return term id -> [(page title, page src_uri)] of pages whose text uses the term as the
    tooltips mark it: its `forms`, as whole words by the rule of `mentions`.

    Longer terms win, as in the tooltips: "peer employment specialist" is not also a use of
    "employment specialist".
    """
    index = TermIndex(terms)
    found: dict[str, list[tuple[str, str]]] = {term.id: [] for term in index.terms}
    for uri, (title, text) in sorted(pages.items()):
        # Only running text counts: not tags and their attributes, link targets or attribute lists,
        # nor headings, links and buttons, where terms are never marked (`unmark`).
        text = _NOT_TEXT.sub(" ", _NOT_MARKED.sub(" ", text))
        taken = bytearray(len(text))  # 1 where a longer term was used
        # Where each use is, not only whether there is one: a use inside a longer term's is none.
        for term in sorted(index.candidates(text.lower()), key=lambda t: len(t.term), reverse=True):
            free = [(s, e) for form in forms(term) for s, e in _spans(form, text) if 1 not in taken[s:e]]
            if free:
                found[term.id].append((title, uri))
                for start, end in free:
                    taken[start:end] = b"\1" * (end - start)
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


#: Where a term is never marked: headings (and so titles), links, buttons and summaries, which
#: a definition would crowd or whose click (or tap) would take it away.
_UNMARKED = re.compile(r"<(h[1-6]|a|button|summary)\b[^>]*>.*?</\1>", re.S)


def unmark(html: str) -> str:
    """Drop glossary marking inside headings, links, buttons and summaries (the text stays)."""
    if "<abbr" not in html:
        return html
    return _UNMARKED.sub(_unmark_one, html)


def _unmark_one(match: re.Match[str]) -> str:
    # Most headings and links hold no term: leave them as they are without a search.
    text = match.group(0)
    return _ABBR.sub(r"\1", text) if "<abbr" in text else text


def first_only(html: str) -> str:
    """Keep the definition on the first use of each term in a page; later uses read as plain text.

    Terms like "recovery" occur dozens of times on a page; a definition on every one is noise.
    None is kept inside headings, links or buttons (`unmark`). A kept term can take keyboard
    focus, which shows its definition (toolkit.css), as does a tap.
    """
    html = unmark(html)
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key in seen:
            return match.group(1)
        seen.add(key)
        return match.group(0).replace('">', '" tabindex="0">', 1)

    return _ABBR.sub(keep_first, html)
